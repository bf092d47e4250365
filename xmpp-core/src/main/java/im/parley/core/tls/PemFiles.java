package im.parley.core.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads PEM certificate chains and private keys in the formats Let's Encrypt and OpenSSL write. */
public final class PemFiles {
    private PemFiles() {
    }

    /** Loads a chain and its key, failing with a message that names the file. */
    public static ServerCertificate load(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        if (!sameKeyType(chain.get(0), key)) {
            throw new IOException("the key in " + keyFile + " (" + key.getAlgorithm()
                    + ") does not belong to the certificate in " + certificateFile);
        }
        return new ServerCertificate(chain, key);
    }

    private static boolean sameKeyType(X509Certificate cert, PrivateKey key) {
        String c = cert.getPublicKey().getAlgorithm();
        String k = key.getAlgorithm();
        return c.equals(k) || (c.startsWith("EC") && k.startsWith("EC"));
    }

    static List<X509Certificate> readChain(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + " holds no PEM certificate");
        }
        return chain;
    }

    static PrivateKey readKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    // PKCS#1 RSA or SEC1 EC keys (as OpenSSL writes them); a SEC1 file may omit the
                    // public key, in which case only the private part is converted.
                    return pair.getPublicKeyInfo() != null ? converter.getKeyPair(pair).getPrivate()
                            : converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException(file + " holds no unencrypted PEM private key");
    }
}
