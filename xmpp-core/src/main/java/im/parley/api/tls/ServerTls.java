package im.parley.api.tls;

import java.util.List;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's own TLS credentials, for modules that open or accept TLS connections of their
 * own (federation): the certificates of the served domains, chosen by SNI when serving, and the
 * protocol versions and cipher suites of the {@code tls} section.
 *
 * @param keyManager picks the certificate matching a requested domain name
 * @param protocols enabled TLS protocol versions
 * @param ciphers enabled cipher suites; empty for the JDK's defaults
 */
public record ServerTls(X509ExtendedKeyManager keyManager, List<String> protocols, List<String> ciphers) {
    public ServerTls {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }
}
