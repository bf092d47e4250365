package im.parley.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the certificate a fresh install uses until the admin configures a real one: self-signed,
 * naming every served domain and its subdomains, kept as PEM files so restarts reuse it.
 */
public final class SelfSignedCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificates.class);
    private static final Duration VALIDITY = Duration.ofDays(825);

    private SelfSignedCertificates() {
    }

    /**
     * Returns the certificate stored in {@code dir}, creating it first when missing, expired or
     * not naming all domains.
     */
    public static ServerCertificate loadOrCreate(Path dir, List<String> domains) throws IOException {
        Path certFile = dir.resolve("selfsigned.crt");
        Path keyFile = dir.resolve("selfsigned.key");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            ServerCertificate existing = PemFiles.load(certFile, keyFile);
            if (domains.stream().allMatch(existing::matches)
                    && existing.leaf().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(7)))) {
                return existing;
            }
        }
        ServerCertificate created = create(domains);
        Files.createDirectories(dir);
        writeKey(keyFile, created);
        Files.writeString(certFile, pem(created.leaf()), StandardCharsets.US_ASCII);
        LOG.warn("Created a self-signed certificate for {} in {}; clients will warn about it. "
                + "Configure tls.certificates with a real certificate for production.", domains, certFile);
        return created;
    }

    /** Creates a self-signed certificate for the domains and their wildcards, in memory. */
    public static ServerCertificate create(List<String> domains) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + domains.get(0));
            List<GeneralName> names = new ArrayList<>();
            for (String domain : domains) {
                names.add(new GeneralName(GeneralName.dNSName, domain));
                names.add(new GeneralName(GeneralName.dNSName, "*." + domain));
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCertificate(List.of(cert), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
    }

    private static void writeKey(Path keyFile, ServerCertificate cert) throws IOException {
        String pem = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(cert.key(), null));
        try {
            Files.writeString(keyFile, "", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's permissions have to protect the key.
        }
        Files.writeString(keyFile, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** PEM text of a certificate or key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (Writer w = out; JcaPEMWriter writer = new JcaPEMWriter(w)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
