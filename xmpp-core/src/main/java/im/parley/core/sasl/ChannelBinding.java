package im.parley.core.sasl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLSession;

/** Channel binding data of type tls-server-end-point (RFC 5929 §4): a hash of the server's certificate. */
public final class ChannelBinding {
    private ChannelBinding() {
    }

    /** The binding data for a TLS session, or null when it cannot be computed. */
    public static byte[] tlsServerEndPoint(SSLSession session) {
        if (session == null) {
            return null;
        }
        Certificate[] local = session.getLocalCertificates();
        if (local == null || local.length == 0 || !(local[0] instanceof X509Certificate cert)) {
            return null;
        }
        try {
            return MessageDigest.getInstance(hashFor(cert.getSigAlgName())).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** RFC 5929 §4.1: the certificate's signature hash, with MD5 and SHA-1 replaced by SHA-256. */
    static String hashFor(String signatureAlgorithm) {
        String alg = signatureAlgorithm.toUpperCase(Locale.ROOT);
        if (alg.startsWith("SHA384")) {
            return "SHA-384";
        }
        if (alg.startsWith("SHA512")) {
            return "SHA-512";
        }
        return "SHA-256";
    }
}
