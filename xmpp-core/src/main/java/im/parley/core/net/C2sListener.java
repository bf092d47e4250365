package im.parley.core.net;

import im.parley.core.config.C2sConfig;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.session.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.mina.core.filterchain.DefaultIoFilterChainBuilder;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners: STARTTLS on one port, direct TLS (XEP-0368) on another. Each connection's
 * events run in order on the shared worker pool; I/O threads only do TLS and XML decoding.
 */
public final class C2sListener {
    private static final Logger LOG = LoggerFactory.getLogger(C2sListener.class);

    private final C2sConfig config;
    private final ConnectionSettings settings;
    private final Executor workers;
    private final Function<Connection, StreamListener> sessions;
    private final ServerMetrics metrics;
    private final ConnectionLimits limits;
    private final List<NioSocketAcceptor> acceptors = new ArrayList<>();
    private final List<C2sHandler> handlers = new ArrayList<>();
    /** Wakes {@link #awaitClosed} whenever a connection is gone. */
    private final SessionsClosedSignal closedSessions = new SessionsClosedSignal();
    private int port = -1;
    private int directTlsPort = -1;

    public C2sListener(C2sConfig config, ConnectionSettings settings, Executor workers,
                       Function<Connection, StreamListener> sessions, ConnectionLimits limits, ServerMetrics metrics) {
        this.config = config;
        this.settings = settings;
        this.workers = workers;
        this.sessions = sessions;
        this.metrics = metrics;
        this.limits = limits;
    }

    /** Binds the ports; fails with a clear message when one is taken. */
    public void start() {
        port = bind(config.port(), false);
        if (config.directTlsPort() >= 0) {
            directTlsPort = bind(config.directTlsPort(), true);
        }
    }

    private int bind(int wanted, boolean directTls) {
        NioSocketAcceptor acceptor = new NioSocketAcceptor(Math.max(1, Runtime.getRuntime().availableProcessors()));
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setKeepAlive(true);
        acceptor.getSessionConfig().setSoLinger(-1);
        DefaultIoFilterChainBuilder chain = acceptor.getFilterChain();
        if (directTls) {
            chain.addLast(MinaConnection.TLS_FILTER, MinaConnection.newTlsFilter(settings.tls()));
        }
        chain.addLast(MinaConnection.CODEC_FILTER, new XmppCodecFilter(settings.maxStanzaBytes(), settings.maxXmlDepth()));
        chain.addLast("workers", new ExecutorFilter(workers, IoEventType.MESSAGE_RECEIVED, IoEventType.SESSION_IDLE,
                IoEventType.SESSION_CLOSED, IoEventType.EXCEPTION_CAUGHT));
        C2sHandler handler = new C2sHandler(limits, sessions, settings, directTls, metrics);
        acceptor.setHandler(handler);
        acceptor.addListener(closedSessions);
        InetSocketAddress address = new InetSocketAddress(config.address(), wanted);
        try {
            acceptor.bind(address);
        } catch (IOException e) {
            acceptor.dispose();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UncheckedIOException("cannot listen on " + address + " (" + (directTls ? "c2s.direct_tls_port" : "c2s.port")
                    + "): " + root.getMessage(), e);
        }
        acceptors.add(acceptor);
        handlers.add(handler);
        int bound = acceptor.getLocalAddress().getPort();
        LOG.info("Listening for clients on {}:{} ({})", config.address(), bound, directTls ? "direct TLS" : "STARTTLS");
        return bound;
    }

    /** The STARTTLS port actually bound. */
    public int port() {
        return port;
    }

    /** The direct TLS port actually bound, or -1. */
    public int directTlsPort() {
        return directTlsPort;
    }

    /** Forgets idle per-address state; the server calls this once a minute. */
    public void sweep() {
        handlers.forEach(C2sHandler::sweep);
    }

    /** Stops accepting; open connections stay for the session layer to close. */
    public void unbind() {
        acceptors.forEach(NioSocketAcceptor::unbind);
    }

    /** Waits up to the timeout for open connections to finish closing (so goodbyes are flushed). */
    public void awaitClosed(java.time.Duration timeout) {
        closedSessions.await(timeout, () -> acceptors.stream().anyMatch(a -> a.getManagedSessionCount() > 0));
    }

    /** Releases the I/O threads and closes what is still open; call after sessions are closed. */
    public void dispose() {
        for (NioSocketAcceptor acceptor : acceptors) {
            acceptor.dispose(true);
        }
        acceptors.clear();
    }
}
