package im.parley.testing;

import im.parley.core.tls.SelfSignedCertificates;
import im.parley.core.tls.ServerCertificate;
import im.parley.core.tls.TlsContext;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** One throwaway self-signed certificate for the test domains, trusted by the test clients and nobody else. */
public final class TestCertificates {
    public static final List<String> DOMAINS = List.of("localhost", "example.test");
    private static final ServerCertificate CERTIFICATE = SelfSignedCertificates.create(DOMAINS);

    private TestCertificates() {
    }

    public static ServerCertificate certificate() {
        return CERTIFICATE;
    }

    public static TlsContext serverContext() {
        return TlsContext.of(List.of(CERTIFICATE), List.of("TLSv1.3", "TLSv1.2"), List.of());
    }

    /** A trust manager that accepts exactly the test certificate. */
    public static X509TrustManager trustManager() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("parley-test", (X509Certificate) CERTIFICATE.leaf());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client SSL context trusting the test certificate. */
    public static SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
