/**
 * Server-to-server federation (RFC 6120 over TCP with STARTTLS, SASL EXTERNAL, dialback),
 * implementing the core's remote-domain seam. Until it lands, the router answers stanzas for
 * other domains with remote-server-not-found.
 */
package im.parley.s2s;
