/**
 * Server-to-server federation (RFC 6120 §13): incoming and outgoing streams over TCP with STARTTLS
 * or direct TLS, authenticated with SASL EXTERNAL on certificates (XEP-0178) or Server Dialback
 * (XEP-0220), and external components (XEP-0114). {@link im.parley.s2s.FederationModule} takes
 * the core's stanzas for remote domains.
 */
package im.parley.s2s;
