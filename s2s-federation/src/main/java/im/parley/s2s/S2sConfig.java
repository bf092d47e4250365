package im.parley.s2s;

import im.parley.api.config.DataSize;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code s2s} section: federation with other XMPP servers. */
@Doc("Federation with other XMPP servers (RFC 6120 server-to-server): connections on 5269 and direct TLS, certificates (SASL EXTERNAL) and Server Dialback.")
public record S2sConfig(
        @Doc("Address the server-to-server listener binds to.")
        @Default("0.0.0.0") String address,
        @Doc("Port for incoming server connections with STARTTLS (0 picks a free port).")
        @Default("5269") @Min("0") @Max("65535") int port,
        @Doc("Port for incoming direct TLS connections (XEP-0368, _xmpps-server); -1 turns it off.")
        @Default("5270") @Min("-1") @Max("65535") int directTlsPort,
        @Doc("Whether every server connection must be encrypted (STARTTLS or direct TLS).")
        @Default("true") boolean requireEncryption,
        @Doc("Whether peers must authenticate with a certificate valid for their domain (SASL EXTERNAL, XEP-0178); false also allows Server Dialback (XEP-0220).")
        @Default("false") boolean requireValidCertificates,
        @Doc("Domains that must present a valid certificate even when require_valid_certificates is false.")
        @Default("[]") List<String> secureDomains,
        @Doc("Domains allowed to use Server Dialback even when require_valid_certificates is true.")
        @Default("[]") List<String> insecureDomains,
        @Doc("Domains this server never federates with; their connections are refused and stanzas to them bounce.")
        @Default("[]") List<String> blockedDomains,
        @Doc("Trust store (PKCS#12 or JKS) for checking peers' certificates; empty for the JDK's default certificate authorities.")
        @Default("") String trustStore,
        @Doc("Password of the trust store.")
        @Default("") @Secret String trustStorePassword,
        @Doc("Where to connect for a domain instead of looking it up in DNS, as host:port (direct TLS with a tls:// prefix), e.g. {example.org: \"10.0.0.5:5269\"}.")
        @Default("{}") Map<String, String> hosts,
        @Doc("Secret for Server Dialback keys; every node of a cluster must use the same one. Empty: one is generated and shared through the cluster.")
        @Default("") @Secret String dialbackSecret,
        @Doc("Whether to offer and use bidirectional streams (XEP-0288) with peers that support them.")
        @Default("true") boolean bidi,
        @Doc("How long setting up a connection (connect, TLS, authentication) may take before queued stanzas bounce with remote-server-timeout.")
        @Default("30s") Duration connectTimeout,
        @Doc("A connection with no traffic for this long is closed; it is opened again when needed.")
        @Default("10m") Duration idleTimeout,
        @Doc("Stanzas kept per remote domain while its connection is being set up; more bounce with resource-constraint.")
        @Default("1000") @Min("1") int maxQueuedStanzas,
        @Doc("Longest wait before trying a domain again after its connection failed; the wait doubles from one second up to this.")
        @Default("5m") Duration maxBackoff,
        @Doc("Largest stanza a peer may send.")
        @Default("512KiB") DataSize maxStanzaSize,
        @Doc("Deepest XML nesting a peer may send.")
        @Default("32") @Min("4") int maxXmlDepth) {
}
