package im.parley.core.config;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import java.util.List;
import java.util.Set;

/** The {@code tls} section. */
@Doc("Certificates and TLS settings for every listener.")
public record TlsConfig(
        @Doc("Certificates as PEM files. The one whose names match the client's requested domain (SNI) is used. "
                + "When empty, a self-signed certificate for all domains is generated under data_dir/tls on first start.")
        @Default("[]") List<CertificateConfig> certificates,
        @Doc("TLS protocol versions offered.")
        @Default("[TLSv1.3, TLSv1.2]") List<String> protocols,
        @Doc("Cipher suites offered; empty means the JVM's defaults for the protocols.")
        @Default("[]") List<String> ciphers) {

    private static final Set<String> SUPPORTED = Set.of("TLSv1.2", "TLSv1.3");

    public TlsConfig {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("'protocols' must name at least one of " + SUPPORTED);
        }
        for (String p : protocols) {
            if (!SUPPORTED.contains(p)) {
                throw new IllegalArgumentException("'protocols' accepts only " + SUPPORTED + " (TLS 1.2 or newer), got '" + p + "'");
            }
        }
    }
}
