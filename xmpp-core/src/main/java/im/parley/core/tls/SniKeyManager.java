package im.parley.core.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate whose names match the domain the client asked for with SNI, so one
 * server can present the right certificate for each of its domains; falls back to the first.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final List<ServerCertificate> certificates;

    SniKeyManager(List<ServerCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, requestedName(engine == null ? null : engine.getHandshakeSession()));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, null);
    }

    private String choose(String keyType, String requested) {
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            if (keyTypeMatches(keyType, certificates.get(i))) {
                usable.add(i);
            }
        }
        if (requested != null) {
            for (int i : usable) {
                if (certificates.get(i).matches(requested)) {
                    return alias(i);
                }
            }
        }
        return usable.isEmpty() ? null : alias(usable.get(0));
    }

    private static boolean keyTypeMatches(String keyType, ServerCertificate cert) {
        String algorithm = cert.key().getAlgorithm().toUpperCase(Locale.ROOT);
        String wanted = keyType.toUpperCase(Locale.ROOT);
        // TLS 1.3 asks with signature-scheme key types such as "EC" or "RSASSA-PSS".
        return wanted.startsWith(algorithm) || (algorithm.equals("RSA") && wanted.startsWith("RSASSA"));
    }

    private static String requestedName(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                    return ((SNIHostName) name).getAsciiName();
                }
            }
        }
        return null;
    }

    private static String alias(int index) {
        return "cert" + index;
    }

    private ServerCertificate byAlias(String alias) {
        if (alias == null || !alias.startsWith("cert")) {
            return null;
        }
        int i = Integer.parseInt(alias.substring(4));
        return i < certificates.size() ? certificates.get(i) : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerCertificate cert = byAlias(alias);
        return cert == null ? null : cert.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerCertificate cert = byAlias(alias);
        return cert == null ? null : cert.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            if (keyTypeMatches(keyType, certificates.get(i))) {
                aliases.add(alias(i));
            }
        }
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
