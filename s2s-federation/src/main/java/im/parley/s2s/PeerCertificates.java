package im.parley.s2s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Decides whether a peer's certificate proves its domain (RFC 6125 as XEP-0178 and RFC 6120
 * §13.7.1.2 apply it): a chain to a trusted authority, and a DNS name, SRV-ID or XmppAddr that
 * matches the domain.
 */
final class PeerCertificates {
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    private static final String SRV_NAME = "1.3.6.1.5.5.7.8.7";

    private final Set<TrustAnchor> anchors;

    private PeerCertificates(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    /** Trusts the authorities of a trust store file, or the JDK's when the path is empty. */
    static PeerCertificates load(String trustStore, String password) {
        try {
            KeyStore store = null;
            if (!trustStore.isEmpty()) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                    store.load(in, password.toCharArray());
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        anchors.add(new TrustAnchor(ca, null));
                    }
                }
            }
            return new PeerCertificates(Set.copyOf(anchors));
        } catch (IOException | GeneralSecurityException e) {
            throw new im.parley.api.config.ConfigException("s2s.trust_store", "cannot read " + trustStore + ": " + e.getMessage());
        }
    }

    /** Whether the chain leads to a trusted authority and its end certificate names the domain. */
    boolean proves(List<X509Certificate> chain, String domain) {
        return !chain.isEmpty() && trusted(chain) && names(chain.get(0), domain);
    }

    /** Whether a certificate is currently valid and chains to one of the trusted authorities. */
    boolean trusted(List<X509Certificate> chain) {
        if (anchors.isEmpty()) {
            return false;
        }
        try {
            chain.get(0).checkValidity();
            if (isAnchor(chain.get(0))) {
                // A certificate the trust store holds itself (a pinned self-signed one) is trusted as it is.
                return true;
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(anchors);
            // Revocation needs the network at handshake time; the trust store is the policy here.
            params.setRevocationEnabled(false);
            List<X509Certificate> path = new ArrayList<>(chain);
            // A peer may send its authority's own certificate last; the path ends before an anchor.
            path.removeIf(this::isAnchor);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean isAnchor(X509Certificate cert) {
        return anchors.stream().anyMatch(a -> cert.equals(a.getTrustedCert()));
    }

    /** Whether the certificate names the domain as a DNS name (a wildcard covers one label), SRV-ID or XmppAddr. */
    static boolean names(X509Certificate cert, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(cert)) {
            if (matches(name.toLowerCase(Locale.ROOT), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, String domain) {
        if (name.startsWith("*.")) {
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(domain);
    }

    /** The names a certificate is valid for: dNSName entries, SRV-IDs for xmpp-server and XmppAddrs. */
    static List<String> dnsNames(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            GeneralNames all = GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            for (GeneralName name : all.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    names.add(((ASN1String) name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.otherName) {
                    otherName(ASN1Sequence.getInstance(name.getName()), names);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        return names;
    }

    private static void otherName(ASN1Sequence seq, List<String> names) {
        String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
        if (!(seq.getObjectAt(1) instanceof ASN1TaggedObject tagged)
                || !(tagged.getExplicitBaseObject() instanceof ASN1String value)) {
            return;
        }
        String text = value.getString();
        if (XMPP_ADDR.equals(oid) && !text.contains("@")) {
            names.add(text);
        } else if (SRV_NAME.equals(oid) && text.toLowerCase(Locale.ROOT).startsWith("_xmpp-server.")) {
            names.add(text.substring("_xmpp-server.".length()));
        }
    }
}
