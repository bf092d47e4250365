package im.parley.s2s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets under server and component streams: listeners and one connector, each
 * connection's events run in order on the given workers; I/O threads only do TLS and XML.
 */
final class S2sTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S2sTransport.class);

    /** How a new connection is set up. */
    record Setup(boolean outgoing, boolean directTls, Supplier<SSLContext> tls, String peerName, List<String> protocols,
                 Function<S2sLink, StreamHandler> handler) {
    }

    private final int maxStanzaBytes;
    private final int maxDepth;
    private final Duration idleTimeout;
    private final Executor workers;
    private final List<NioSocketAcceptor> acceptors = new ArrayList<>();
    private final NioSocketConnector connector;

    S2sTransport(int maxStanzaBytes, int maxDepth, Duration idleTimeout, Executor workers) {
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxDepth = maxDepth;
        this.idleTimeout = idleTimeout;
        this.workers = workers;
        this.connector = new NioSocketConnector(1);
        buildChain(connector.getFilterChain());
        connector.setHandler(new Events(null));
    }

    private void buildChain(DefaultIoFilterChainBuilder chain) {
        chain.addLast(S2sLink.CODEC_FILTER, new S2sCodecFilter(maxStanzaBytes, maxDepth));
        chain.addLast("workers", new ExecutorFilter(workers, IoEventType.MESSAGE_RECEIVED, IoEventType.SESSION_IDLE,
                IoEventType.SESSION_CLOSED, IoEventType.EXCEPTION_CAUGHT));
    }

    /** Listens on an address; returns the port bound. Fails with the config key in the message. */
    int listen(String address, int port, String configKey, Setup setup) {
        NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        buildChain(acceptor.getFilterChain());
        acceptor.setHandler(new Events(setup));
        InetSocketAddress bind = new InetSocketAddress(address, port);
        try {
            acceptor.bind(bind);
        } catch (IOException e) {
            acceptor.dispose();
            throw new UncheckedIOException("cannot listen on " + bind + " (" + configKey + "): " + e.getMessage(), e);
        }
        acceptors.add(acceptor);
        return acceptor.getLocalAddress().getPort();
    }

    /** Opens a connection; the future fails when the address cannot be reached within the timeout. */
    CompletableFuture<Void> connect(InetSocketAddress address, Duration timeout, Setup setup) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connector.setConnectTimeoutMillis(timeout.toMillis());
        ConnectFuture future = connector.connect(address, (session, f) -> attach(session, setup));
        future.addListener(f -> {
            ConnectFuture c = (ConnectFuture) f;
            if (c.isConnected()) {
                done.complete(null);
            } else {
                done.completeExceptionally(c.getException() == null ? new IOException("not connected") : c.getException());
            }
        });
        return done;
    }

    private void attach(IoSession session, Setup setup) {
        S2sLink link = new S2sLink(session, setup.outgoing(), setup.tls(), setup.peerName(), setup.protocols());
        session.setAttribute(S2sLink.KEY, link);
        session.setAttribute(DIRECT_TLS, setup.directTls());
        link.attach(setup.handler().apply(link));
        session.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, idleTimeout.toSeconds()));
    }

    /** MINA's session events, handed to each connection's stream handler. */
    private final class Events extends IoHandlerAdapter {
        private final Setup incoming;

        Events(Setup incoming) {
            this.incoming = incoming;
        }

        @Override
        public void sessionCreated(IoSession session) {
            if (incoming != null) {
                attach(session, incoming);
            }
            S2sLink link = S2sLink.of(session);
            if (link != null && Boolean.TRUE.equals(session.getAttribute(DIRECT_TLS))) {
                session.getFilterChain().addBefore(S2sLink.CODEC_FILTER, S2sLink.TLS_FILTER, link.newTlsFilter());
            }
        }

        @Override
        public void sessionOpened(IoSession session) {
            handler(session).ifPresent(StreamHandler::onOpened);
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            if (message instanceof im.parley.core.xml.StreamEvent event) {
                if (LOG.isDebugEnabled()) {
                    String text = String.valueOf(event instanceof im.parley.core.xml.StreamEvent.Child c ? c.element().asXML() : event);
                    LOG.debug("{} in: {}", session.getId(), text.length() > 300 ? text.substring(0, 300) + "…" : text);
                }
                handler(session).ifPresent(h -> h.onEvent(event));
            }
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                handler(session).ifPresent(StreamHandler::onSecured);
            }
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            handler(session).ifPresent(StreamHandler::onIdle);
        }

        @Override
        public void sessionClosed(IoSession session) {
            handler(session).ifPresent(StreamHandler::onClosed);
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            if (cause instanceof IOException || cause instanceof SSLException || cause.getCause() instanceof SSLException) {
                LOG.debug("Server connection {} failed: {}", session.getRemoteAddress(), cause.toString());
            } else {
                LOG.warn("Unexpected error on server connection {}", session.getRemoteAddress(), cause);
            }
            session.closeNow();
        }

        private java.util.Optional<StreamHandler> handler(IoSession session) {
            S2sLink link = S2sLink.of(session);
            return java.util.Optional.ofNullable(link == null ? null : link.handler());
        }
    }

    static final org.apache.mina.core.session.AttributeKey DIRECT_TLS =
            new org.apache.mina.core.session.AttributeKey(S2sTransport.class, "directTls");

    @Override
    public void close() {
        acceptors.forEach(a -> a.dispose(true));
        acceptors.clear();
        connector.dispose(true);
    }
}
