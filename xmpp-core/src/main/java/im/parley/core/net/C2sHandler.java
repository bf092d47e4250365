package im.parley.core.net;

import im.parley.core.metrics.ServerMetrics;
import im.parley.core.session.Connection;
import im.parley.core.stream.StreamXml;
import im.parley.core.xml.StreamEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

/** Connects MINA's session events to the session layer, after the connection limits have had their say. */
final class C2sHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(C2sHandler.class);
    static final AttributeKey LISTENER = new AttributeKey(C2sHandler.class, "listener");
    private static final AttributeKey COUNTED = new AttributeKey(C2sHandler.class, "counted");
    private static final long WARN_INTERVAL_NANOS = 60_000_000_000L;

    private final ConnectionLimits limits;
    private final Function<Connection, StreamListener> sessions;
    private final ConnectionSettings settings;
    private final boolean directTls;
    private final ServerMetrics metrics;
    private final Map<InetAddress, Long> lastWarned = new ConcurrentHashMap<>();

    C2sHandler(ConnectionLimits limits, Function<Connection, StreamListener> sessions, ConnectionSettings settings,
               boolean directTls, ServerMetrics metrics) {
        this.limits = limits;
        this.sessions = sessions;
        this.settings = settings;
        this.directTls = directTls;
        this.metrics = metrics;
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetAddress address = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
        ConnectionLimits.Refusal refusal = limits.open(address);
        if (refusal != null) {
            refuse(session, address, refusal);
            return;
        }
        session.setAttribute(COUNTED, address);
        String transport = directTls ? "tls" : "tcp";
        metrics.connections.labelValues(transport).inc();
        metrics.openConnections.labelValues(transport).inc();
        session.getConfig().setReaderIdleTime((int) Math.max(1, settings.idleTimeout().toSeconds()));
        MinaConnection connection = new MinaConnection(session, settings.tls(), directTls,
                settings.maxSendQueue(), settings.maxPendingStanzas(), metrics.readsSuspended);
        session.setAttribute(MinaConnection.KEY, connection);
        session.setAttribute(LISTENER, sessions.apply(connection));
    }

    private void refuse(IoSession session, InetAddress address, ConnectionLimits.Refusal refusal) {
        metrics.connectionsRefused.labelValues(refusal.name().toLowerCase()).inc();
        long now = System.nanoTime();
        Long last = lastWarned.get(address);
        if (last == null || now - last > WARN_INTERVAL_NANOS) {
            lastWarned.put(address, now);
            LOG.warn("Refusing connections from {}: {} (logged once a minute per address)", address.getHostAddress(), refusal.text);
        }
        if (directTls) {
            // Answering would first need a TLS handshake, which is the work the limit protects against.
            session.closeNow();
            return;
        }
        String xml = StreamXml.header(settings.defaultDomain(), null, "refused", null)
                + StreamXml.error(new StreamError(StreamError.Condition.policy_violation, refusal.text, "en"))
                + StreamXml.CLOSE;
        session.write(IoBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
        session.closeOnFlush();
    }

    private static StreamListener listener(IoSession session) {
        return (StreamListener) session.getAttribute(LISTENER);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        StreamListener listener = listener(session);
        MinaConnection connection = MinaConnection.of(session);
        try {
            if (listener != null && message instanceof StreamEvent event) {
                listener.onEvent(event);
            }
        } finally {
            if (connection != null) {
                connection.eventHandled();
            }
        }
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        StreamListener listener = listener(session);
        if (listener != null && status == IdleStatus.READER_IDLE) {
            listener.onIdle();
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        InetAddress counted = (InetAddress) session.getAttribute(COUNTED);
        if (counted != null) {
            limits.closed(counted);
            metrics.openConnections.labelValues(directTls ? "tls" : "tcp").dec();
        }
        StreamListener listener = (StreamListener) session.removeAttribute(LISTENER);
        if (listener != null) {
            listener.onDisconnected();
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (cause instanceof IOException || cause instanceof SSLException
                || cause.getCause() instanceof SSLException) {
            LOG.debug("Connection {} failed: {}", session.getRemoteAddress(), cause.toString());
        } else {
            LOG.warn("Unexpected error on connection {}", session.getRemoteAddress(), cause);
        }
        session.closeNow();
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        // TLS handshake events need no action: the client opens a new stream next.
    }

    void sweep() {
        limits.sweep();
        long now = System.nanoTime();
        lastWarned.values().removeIf(t -> now - t > WARN_INTERVAL_NANOS);
    }
}
