package im.parley.s2s;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SNIHostName;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/** One server or component connection through MINA: writes XML, switches to TLS, tells who is on the other end. */
final class S2sLink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S2sLink.class);
    static final AttributeKey KEY = new AttributeKey(S2sLink.class, "link");
    static final String TLS_FILTER = "tls";
    static final String CODEC_FILTER = "xmpp";
    private static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    private final IoSession session;
    private final boolean outgoing;
    private final Supplier<SSLContext> tls;
    private final String peerName;
    private final List<String> protocols;
    private volatile boolean tlsExpected;
    private volatile StreamHandler handler;

    /**
     * @param tls the TLS context to switch to (incoming: the server's; outgoing: one presenting the local domain's certificate)
     * @param peerName the remote domain sent as SNI on outgoing connections, or null
     */
    S2sLink(IoSession session, boolean outgoing, Supplier<SSLContext> tls, String peerName, List<String> protocols) {
        this.session = session;
        this.outgoing = outgoing;
        this.tls = tls;
        this.peerName = peerName;
        this.protocols = List.copyOf(protocols);
    }

    static S2sLink of(IoSession session) {
        return (S2sLink) session.getAttribute(KEY);
    }

    void attach(StreamHandler handler) {
        this.handler = handler;
    }

    StreamHandler handler() {
        return handler;
    }

    boolean outgoing() {
        return outgoing;
    }

    void write(String xml) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} out: {}", session.getId(), outgoing ? peerName : "in", xml.length() > 300 ? xml.substring(0, 300) + "…" : xml);
        }
        if (!xml.isEmpty() && session.isConnected() && !session.isClosing()) {
            session.write(IoBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
        }
    }

    void writeAndClose(String xml) {
        write(xml);
        session.closeOnFlush();
    }

    void close() {
        session.closeNow();
    }

    boolean secure() {
        return session.getFilterChain().contains(TLS_FILTER);
    }

    /** Lets the codec switch to TLS on the next STARTTLS request (incoming) or go-ahead (outgoing). */
    void expectTls(boolean expected) {
        tlsExpected = expected;
    }

    boolean tlsExpected() {
        return tlsExpected && !secure();
    }

    /** On the I/O thread, right after the request or go-ahead was read (RFC 6120 §5.4.3.3). */
    void startTls() {
        tlsExpected = false;
        if (!outgoing) {
            // The go-ahead passes the chain before the TLS filter exists, so it leaves in clear text.
            write(PROCEED);
        }
        session.getFilterChain().addBefore(CODEC_FILTER, TLS_FILTER, newTlsFilter());
    }

    SslFilter newTlsFilter() {
        return tlsFilter(tls.get(), outgoing, peerName, protocols);
    }

    /** A TLS filter for one side of a server connection, offering or asking for ALPN "xmpp-server" (XEP-0368). */
    static SslFilter tlsFilter(SSLContext context, boolean outgoing, String peerName, List<String> protocols) {
        SslFilter filter = new SslFilter(context) {
            @Override
            protected SSLEngine createEngine(IoSession s, InetSocketAddress addr) {
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(outgoing);
                SSLParameters params = engine.getSSLParameters();
                params.setProtocols(protocols.toArray(String[]::new));
                if (outgoing) {
                    params.setServerNames(List.of(new SNIHostName(peerName)));
                    params.setApplicationProtocols(new String[] {"xmpp-server"});
                } else {
                    // Peers send their certificate only when asked: it is what SASL EXTERNAL checks (XEP-0178).
                    params.setWantClientAuth(true);
                }
                engine.setSSLParameters(params);
                if (!outgoing) {
                    engine.setHandshakeApplicationProtocolSelector(
                            (e, offered) -> offered.contains("xmpp-server") ? "xmpp-server" : "");
                }
                return engine;
            }
        };
        // MINA's default pipeline runs handshake tasks on another thread and loses application
        // data that arrives with the peer's last handshake message once such a task ran (checking a
        // client certificate does): a TLS 1.3 peer's stream header sent right after its Finished
        // vanished. The blocking pipeline runs the tasks in line and keeps that data.
        filter.setUseNonBlockingPipeline(false);
        return filter;
    }

    /** The peer's certificate chain once TLS is up and the peer sent one; otherwise empty. */
    List<X509Certificate> peerCertificates() {
        Object secured = session.getAttribute(SslFilter.SSL_SECURED);
        if (!(secured instanceof SSLSession ssl)) {
            return List.of();
        }
        try {
            Certificate[] chain = ssl.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    void restartStream() {
        S2sCodecFilter.restart(session);
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    long lastActivityMillis() {
        return Math.max(session.getLastReadTime(), session.getLastWriteTime());
    }
}
