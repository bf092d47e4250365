package im.parley.load;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * TLS for the load clients. It trusts every certificate: a load tool measures the server and
 * protects nothing, and benchmark servers use throwaway certificates. It never resumes TLS
 * sessions, so each connection pays for a full handshake as a distinct device would.
 */
final class ClientTls {
    private ClientTls() {
    }

    static SSLContext trustAllContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS: " + e, e);
        }
    }

    /** A client-mode filter that sends the XMPP domain as SNI; one instance serves every session. */
    static SslFilter filter(SSLContext context, String domain) {
        return new SslFilter(context) {
            @Override
            protected SSLEngine createEngine(IoSession session, InetSocketAddress address) {
                // Without peer host and port the JDK neither looks up a host name nor resumes sessions.
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(true);
                SSLParameters parameters = engine.getSSLParameters();
                try {
                    parameters.setServerNames(List.of(new SNIHostName(domain)));
                } catch (IllegalArgumentException e) {
                    // not a host name SNI can carry (e.g. an IP literal): send none
                }
                engine.setSSLParameters(parameters);
                return engine;
            }
        };
    }

    /** Accepts any server certificate. Extended, so the JDK adds no host name checks of its own. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

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
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
