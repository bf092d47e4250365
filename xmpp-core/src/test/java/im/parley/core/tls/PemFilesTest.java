package im.parley.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates and keys in the PEM shapes admins bring (Let's Encrypt, OpenSSL) and the one we generate. */
class PemFilesTest {
    @TempDir
    Path dir;

    private static X509Certificate certificate(KeyPair pair, String sigAlg, String name) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86400)), subject, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(pair.getPrivate())));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void rsaKeysAsPkcs1AndPkcs8() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        Path cert = write("rsa.crt", SelfSignedCertificates.pem(certificate(pair, "SHA256withRSA", "rsa.example")));
        Path pkcs1 = write("rsa1.key", SelfSignedCertificates.pem(pair.getPrivate()));
        Path pkcs8 = write("rsa8.key", SelfSignedCertificates.pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        assertArrayEquals(pair.getPrivate().getEncoded(), PemFiles.load(cert, pkcs1).key().getEncoded());
        assertArrayEquals(pair.getPrivate().getEncoded(), PemFiles.load(cert, pkcs8).key().getEncoded());
        assertTrue(PemFiles.load(cert, pkcs8).matches("rsa.example"));
    }

    @Test
    void ecKeysAsSec1AndAChainFile() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        X509Certificate leaf = certificate(pair, "SHA256withECDSA", "ec.example");
        Path chain = write("fullchain.pem", SelfSignedCertificates.pem(leaf) + SelfSignedCertificates.pem(leaf));
        Path sec1 = write("ec.key", openSslEcKey(pair));
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        ServerCertificate loaded = PemFiles.load(chain, sec1);
        assertEquals(2, loaded.chain().size());
        assertEquals("EC", loaded.key().getAlgorithm());
    }

    /** A SEC1 "EC PRIVATE KEY" with the curve and public key, as {@code openssl ecparam -genkey} writes it. */
    private static String openSslEcKey(KeyPair pair) throws Exception {
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo pub = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(), pub.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1.getEncoded());
        return "-----BEGIN EC PRIVATE KEY-----\n" + base64 + "\n-----END EC PRIVATE KEY-----\n";
    }

    @Test
    void aKeyOfAnotherTypeOrAnEmptyFileIsRefusedNamingTheFile() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        KeyPair ecPair = ec.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        KeyPair rsaPair = rsa.generateKeyPair();
        Path cert = write("c.crt", SelfSignedCertificates.pem(certificate(ecPair, "SHA256withECDSA", "x.example")));
        Path wrong = write("wrong.key", SelfSignedCertificates.pem(rsaPair.getPrivate()));
        IOException mismatch = assertThrows(IOException.class, () -> PemFiles.load(cert, wrong));
        assertTrue(mismatch.getMessage().contains("wrong.key"), mismatch.getMessage());
        Path empty = write("empty.crt", "");
        IOException none = assertThrows(IOException.class, () -> PemFiles.load(empty, wrong));
        assertTrue(none.getMessage().contains("empty.crt"), none.getMessage());
    }

    @Test
    void theGeneratedCertificateIsReusedAfterARestartAndRenewedForNewDomains() throws Exception {
        ServerCertificate first = SelfSignedCertificates.loadOrCreate(dir, List.of("a.example"));
        ServerCertificate again = SelfSignedCertificates.loadOrCreate(dir, List.of("a.example"));
        assertEquals(first.leaf(), again.leaf());
        assertTrue(again.matches("conference.a.example"), "subdomains are covered for services");
        ServerCertificate renewed = SelfSignedCertificates.loadOrCreate(dir, List.of("a.example", "b.example"));
        assertTrue(renewed.matches("b.example"));
    }
}
