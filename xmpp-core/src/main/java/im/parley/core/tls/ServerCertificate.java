package im.parley.core.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** A certificate chain with its private key, and the DNS names it is valid for. */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {

    public ServerCertificate {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain cannot be empty");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The DNS names in subjectAltName, lower case; wildcards kept as {@code *.example.org}. */
    public List<String> dnsNames() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate without readable SANs simply matches no name.
        }
        return names;
    }

    /** Whether the certificate is valid for a domain (RFC 6125 wildcard rules: one label). */
    public boolean matches(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String name : dnsNames()) {
            if (name.equals(d)) {
                return true;
            }
            if (name.startsWith("*.")) {
                int dot = d.indexOf('.');
                if (dot > 0 && d.substring(dot + 1).equals(name.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }
}
