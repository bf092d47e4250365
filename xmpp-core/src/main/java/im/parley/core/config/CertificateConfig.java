package im.parley.core.config;

import im.parley.api.config.Doc;
import java.nio.file.Path;

/** One certificate and its key, both PEM files (for example Let's Encrypt's fullchain.pem and privkey.pem). */
public record CertificateConfig(
        @Doc("PEM file with the certificate followed by its chain.") Path certificate,
        @Doc("PEM file with the private key (PKCS#8, PKCS#1 RSA or SEC1 EC).") Path key) {

    public CertificateConfig {
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("each certificate entry needs both 'certificate' and 'key'");
        }
    }
}
