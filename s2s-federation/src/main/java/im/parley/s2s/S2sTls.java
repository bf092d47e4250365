package im.parley.s2s;

import im.parley.api.tls.ServerTls;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for server connections. The handshake accepts any peer certificate: whether it proves the
 * peer's domain is decided afterwards by {@link PeerCertificates}, because a peer without one may
 * still authenticate with dialback. Outgoing connections present the local domain's certificate.
 */
final class S2sTls {
    private final ServerTls server;
    private final SSLContext incoming;

    S2sTls(ServerTls server) {
        this.server = server;
        this.incoming = context(server.keyManager());
    }

    List<String> protocols() {
        return server.protocols();
    }

    SSLContext incoming() {
        return incoming;
    }

    /** A context for connecting as a local domain: it presents that domain's certificate to the peer. */
    SSLContext outgoing(String localDomain) {
        return context(new ClientKeys(server.keyManager(), localDomain));
    }

    private static SSLContext context(X509ExtendedKeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {new CheckedLater()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for server connections", e);
        }
    }

    /** Accepts every chain during the handshake; {@link PeerCertificates} judges it afterwards. */
    private static final class CheckedLater extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The server's keys, choosing on the client side the certificate that names the local domain. */
    private static final class ClientKeys extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final String domain;

        ClientKeys(X509ExtendedKeyManager keys, String domain) {
            this.keys = keys;
            this.domain = domain;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            String fallback = null;
            for (String keyType : keyTypes) {
                String[] aliases = keys.getServerAliases(keyType, null);
                if (aliases == null) {
                    continue;
                }
                for (String alias : aliases) {
                    X509Certificate[] chain = keys.getCertificateChain(alias);
                    if (chain != null && chain.length > 0 && PeerCertificates.names(chain[0], domain)) {
                        return alias;
                    }
                    fallback = fallback == null ? alias : fallback;
                }
            }
            return fallback;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
