package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.core.tls.SelfSignedCertificates;
import im.parley.testing.TestCertificates;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Which names in a certificate prove a domain (RFC 6125 as XEP-0178 uses it), and where a domain's server is found. */
class PeerCertificatesTest {

    private static X509Certificate certificate(GeneralName... names) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=peer");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                new Date(System.currentTimeMillis() - 60_000), new Date(System.currentTimeMillis() + 3_600_000), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static GeneralName otherName(String oid, org.bouncycastle.asn1.ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, value)}));
    }

    @Test
    void dnsNamesMatchExactlyAndWildcardsCoverOneLabel() throws Exception {
        X509Certificate cert = certificate(new GeneralName(GeneralName.dNSName, "example.org"),
                new GeneralName(GeneralName.dNSName, "*.chat.example.org"));
        assertTrue(PeerCertificates.names(cert, "example.org"));
        assertTrue(PeerCertificates.names(cert, "EXAMPLE.org"));
        assertTrue(PeerCertificates.names(cert, "conference.chat.example.org"));
        assertFalse(PeerCertificates.names(cert, "chat.example.org"));
        assertFalse(PeerCertificates.names(cert, "a.b.chat.example.org"));
        assertFalse(PeerCertificates.names(cert, "evil.org"));
    }

    @Test
    void srvIdsAndXmppAddrsNameTheDomain() throws Exception {
        X509Certificate cert = certificate(otherName("1.3.6.1.5.5.7.8.7", new DERIA5String("_xmpp-server.srv.example")),
                otherName("1.3.6.1.5.5.7.8.5", new DERUTF8String("addr.example")),
                otherName("1.3.6.1.5.5.7.8.7", new DERIA5String("_xmpp-client.client-only.example")),
                otherName("1.3.6.1.5.5.7.8.5", new DERUTF8String("user@person.example")));
        assertTrue(PeerCertificates.names(cert, "srv.example"));
        assertTrue(PeerCertificates.names(cert, "addr.example"));
        assertFalse(PeerCertificates.names(cert, "client-only.example"));
        assertFalse(PeerCertificates.names(cert, "person.example"));
    }

    @Test
    void onlyTrustedCertificatesProveADomain() {
        PeerCertificates jdkDefaults = PeerCertificates.load("", "");
        List<X509Certificate> testChain = TestCertificates.certificate().chain();
        assertFalse(jdkDefaults.proves(testChain, "localhost"), "a self-signed certificate is not trusted by default");
        PeerCertificates pinned = PeerCertificates.load(TestTrust.trustStore().toString(), "changeit");
        assertTrue(pinned.proves(testChain, "example.test"));
        assertFalse(pinned.proves(testChain, "evil.test"));
        List<X509Certificate> other = SelfSignedCertificates.create(List.of("example.test")).chain();
        assertFalse(pinned.proves(other, "example.test"), "another certificate for the same name is not the trusted one");
    }

    @Test
    void srvRecordsAreTriedByPriorityDirectTlsFirstAndTheHostMapWins() {
        Map<String, List<String>> dns = Map.of(
                "_xmpps-server._tcp.example.org", List.of("10 5 5270 tls.example.org."),
                "_xmpp-server._tcp.example.org", List.of("20 5 5269 backup.example.org.", "10 5 5269 main.example.org."));
        DnsHostResolver resolver = new DnsHostResolver(Map.of("fixed.example", "tls://10.0.0.5:5999"),
                name -> dns.getOrDefault(name, List.of()));
        assertEquals(List.of(new HostResolver.Target("tls.example.org", 5270, true),
                new HostResolver.Target("main.example.org", 5269, false),
                new HostResolver.Target("backup.example.org", 5269, false)), resolver.resolve("example.org"));
        assertEquals(List.of(new HostResolver.Target("plain.example", 5269, false)), resolver.resolve("plain.example"));
        assertEquals(List.of(new HostResolver.Target("10.0.0.5", 5999, true)), resolver.resolve("FIXED.example"));
        DnsHostResolver noService = new DnsHostResolver(Map.of(),
                name -> name.startsWith("_xmpp-server") ? List.of("0 0 0 .") : List.of());
        assertEquals(List.of(), noService.resolve("none.example"));
    }
}
