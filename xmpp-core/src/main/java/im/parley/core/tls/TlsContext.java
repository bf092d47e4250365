package im.parley.core.tls;

import im.parley.core.config.CertificateConfig;
import im.parley.core.config.TlsConfig;
import im.parley.api.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The server's TLS setup: certificates, protocol versions and cipher suites, ready to make engines. */
public final class TlsContext {
    private final SSLContext context;
    private final SniKeyManager keyManager;
    private final List<ServerCertificate> certificates;
    private final String[] protocols;
    private final String[] ciphers;

    private TlsContext(SSLContext context, SniKeyManager keyManager, List<ServerCertificate> certificates,
                       List<String> protocols, List<String> ciphers) {
        this.context = context;
        this.keyManager = keyManager;
        this.certificates = List.copyOf(certificates);
        this.protocols = protocols.toArray(String[]::new);
        this.ciphers = ciphers.isEmpty() ? null : ciphers.toArray(String[]::new);
    }

    /** Builds the context from config, generating a self-signed certificate under dataDir/tls when none is configured. */
    public static TlsContext create(TlsConfig config, List<String> domains, Path dataDir) {
        List<ServerCertificate> certificates = new ArrayList<>();
        for (int i = 0; i < config.certificates().size(); i++) {
            CertificateConfig c = config.certificates().get(i);
            try {
                certificates.add(PemFiles.load(c.certificate(), c.key()));
            } catch (IOException e) {
                throw new ConfigException("tls.certificates[" + i + "]", e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            try {
                certificates.add(SelfSignedCertificates.loadOrCreate(dataDir.resolve("tls"), domains));
            } catch (IOException e) {
                throw new ConfigException("server.data_dir", "cannot keep a self-signed certificate in "
                        + dataDir.resolve("tls") + ": " + e.getMessage());
            }
        }
        return of(certificates, config.protocols(), config.ciphers());
    }

    /** Builds a context from certificates in memory (tests, embedding). */
    public static TlsContext of(List<ServerCertificate> certificates, List<String> protocols, List<String> ciphers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            SniKeyManager keyManager = new SniKeyManager(certificates);
            context.init(new KeyManager[] {keyManager}, null, new SecureRandom());
            return new TlsContext(context, keyManager, certificates, protocols, ciphers);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    public List<ServerCertificate> certificates() {
        return certificates;
    }

    /** The certificates and settings as modules see them (for connections they make themselves). */
    public im.parley.api.tls.ServerTls serverTls() {
        return new im.parley.api.tls.ServerTls(keyManager, List.of(protocols), ciphers == null ? List.of() : List.of(ciphers));
    }

    public SSLContext sslContext() {
        return context;
    }

    /** A server-side engine with the configured protocols, offering ALPN "xmpp-client" (XEP-0368) when the client asks. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(protocols);
        if (ciphers != null) {
            params.setCipherSuites(ciphers);
        }
        engine.setSSLParameters(params);
        engine.setHandshakeApplicationProtocolSelector(
                (e, offered) -> offered.contains("xmpp-client") ? "xmpp-client" : "");
        return engine;
    }
}
