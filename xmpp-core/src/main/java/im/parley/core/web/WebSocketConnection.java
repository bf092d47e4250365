package im.parley.core.web;

import im.parley.core.net.StreamListener;
import im.parley.core.session.Connection;
import im.parley.core.xml.StreamEvent;
import im.parley.core.xml.XmlStreamDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

/**
 * A client stream over WebSocket (RFC 7395) under the same session layer as TCP: each message is
 * decoded into the same stream events by the same decoder (with its size and depth limits), and
 * the events run on the server's workers (the ordered pool TCP streams use) in order, one at a time. Reads wait (no demand for the
 * next message) while too many events are queued, as a TCP connection suspends reads.
 */
public final class WebSocketConnection implements Connection, Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final Function<Connection, StreamListener> sessions;
    private final OrderedWork work;
    private final XmlStreamDecoder decoder;
    private final int maxPending;
    private final Runnable closed;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Session socket;
    private volatile StreamListener listener;
    private volatile Instant lastRead = Instant.now();
    private boolean waiting;
    private boolean closing;

    WebSocketConnection(Function<Connection, StreamListener> sessions, Executor workers, int maxStanzaBytes, int maxDepth,
                        int maxPending, Runnable closed) {
        this.sessions = sessions;
        this.work = new OrderedWork(workers);
        this.decoder = new XmlStreamDecoder(maxStanzaBytes, maxDepth);
        this.maxPending = maxPending;
        this.closed = closed;
    }

    /** Runs session work on the workers, in order with this connection's other work. */
    private void run(Runnable task) {
        work.run(task);
    }

    // ---- WebSocket events (Jetty's threads) ----

    @Override
    public void onWebSocketOpen(Session session) {
        this.socket = session;
        this.listener = sessions.apply(this);
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        lastRead = Instant.now();
        List<StreamEvent> events = new ArrayList<>(1);
        WebSocketFraming.Framing framing = WebSocketFraming.framing(message);
        synchronized (decoder) {
            if (framing != null && !framing.open()) {
                events.add(new StreamEvent.Close()); // RFC 7395 §3.6
            } else {
                String xml = framing != null ? WebSocketFraming.streamHeader(framing.attributes()) : message;
                byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                decoder.decode(bytes, 0, bytes.length, events::add);
            }
        }
        for (StreamEvent event : events) {
            StreamListener l = listener;
            if (l == null || l.takeAhead(event)) {
                continue;
            }
            pending.incrementAndGet();
            run(() -> {
                StreamListener current = listener;
                if (current != null) {
                    current.onEvent(event);
                }
                eventHandled();
            });
        }
        synchronized (this) {
            if (pending.get() < maxPending) {
                socket.demand();
            } else {
                waiting = true; // eventHandled demands the next message once the queue drains
            }
        }
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        // RFC 7395 §3.2: XMPP over WebSocket is text; binary messages are a protocol error.
        writeAndClose(im.parley.core.stream.StreamXml.error(new StreamError(StreamError.Condition.bad_format, "binary messages are not XMPP", "en")));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        run(() -> {
            StreamListener l = listener;
            listener = null;
            if (l != null) {
                l.onDisconnected();
            }
        });
        closed.run();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof java.io.IOException || cause instanceof java.util.concurrent.TimeoutException
                || cause.getClass().getName().startsWith("org.eclipse.jetty.websocket")) {
            LOG.debug("WebSocket {} failed: {}", remoteAddress(), cause.toString());
        } else {
            LOG.warn("WebSocket {} failed", remoteAddress(), cause);
        }
    }

    /** The idle check, from the endpoint's sweep: the same rule as for TCP streams. */
    void idleCheck(java.time.Duration idle) {
        if (Instant.now().isAfter(lastRead.plus(idle))) {
            run(() -> {
                StreamListener l = listener;
                if (l != null) {
                    l.onIdle();
                }
            });
        }
    }

    // ---- Connection (the session's side) ----

    @Override
    public synchronized void write(String xml) {
        if (closing || socket == null || !socket.isOpen()) {
            return;
        }
        for (String frame : WebSocketFraming.frames(xml)) {
            socket.sendText(frame, Callback.NOOP);
        }
    }

    @Override
    public synchronized void writeAndClose(String xml) {
        write(xml);
        closing = true;
        if (socket != null) {
            socket.close(StatusCode.NORMAL, null, Callback.NOOP);
        }
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (socket != null) {
            socket.disconnect();
        }
    }

    @Override
    public boolean secure() {
        return socket != null && socket.isSecure();
    }

    @Override
    public boolean canStartTls() {
        return false; // TLS is the WebSocket's (wss:), RFC 7395 §3.4
    }

    @Override
    public void offerStartTls(boolean offered) {
        // never offered over WebSocket
    }

    @Override
    public SSLSession sslSession() {
        return null; // no channel binding through the HTTP layer
    }

    @Override
    public void restartStream() {
        synchronized (decoder) {
            decoder.restart(); // RFC 7395 §3.5: the client sends a new <open/>
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        Session s = socket;
        return s != null && s.getRemoteSocketAddress() instanceof InetSocketAddress address ? address
                : new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public Instant lastRead() {
        return lastRead;
    }

    @Override
    public void eventHandled() {
        pending.decrementAndGet();
        synchronized (this) {
            if (waiting && pending.get() <= maxPending / 2) {
                waiting = false;
                socket.demand();
            }
        }
    }

    @Override
    public void listen(StreamListener next) {
        this.listener = next;
    }
}
