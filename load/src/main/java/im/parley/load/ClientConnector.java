package im.parley.load;

import im.parley.core.net.SessionsClosedSignal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * Opens the load clients' TCP connections: one MINA connector whose I/O threads (one per core
 * by default) run every client's TLS, parsing and protocol steps; no other threads touch the
 * clients except the runs that send.
 */
public final class ClientConnector implements AutoCloseable {
    private final NioSocketConnector connector;
    private final Placement placement;
    private final List<InetAddress> sources;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final SslFilter tlsFilter;
    private final SessionsClosedSignal closedSessions = new SessionsClosedSignal();
    private volatile boolean closed;

    public ClientConnector(LoadTarget target, int ioThreads) {
        this(target, ioThreads, Placement.single(target));
    }

    /** A connector that sends each client to the server its placement names (the I/O threads are shared). */
    public ClientConnector(LoadTarget target, int ioThreads, Placement placement) {
        this.connector = new NioSocketConnector(Math.max(1, ioThreads));
        this.placement = placement;
        this.sources = target.sourceAddresses();
        SSLContext context = ClientTls.trustAllContext();
        this.tlsFilter = ClientTls.filter(context, target.domain());
        connector.setConnectTimeoutMillis(target.connectTimeout().toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getSessionConfig().setReuseAddress(true);
        connector.setHandler(new ClientIoHandler());
        connector.addListener(closedSessions);
    }

    /** Connects a client; the client hears of success or failure through its I/O events. */
    void open(XmppClient client) {
        InetSocketAddress local = sources.isEmpty() ? null
                : new InetSocketAddress(sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size())), 0);
        ConnectFuture future = connector.connect(placement.serverFor(client.index()), local,
                (session, f) -> session.setAttribute(ClientIoHandler.CLIENT, client));
        future.addListener(f -> {
            ConnectFuture done = (ConnectFuture) f;
            if (!done.isConnected()) {
                Throwable cause = done.getException();
                client.fail("connect: " + (cause == null ? "cancelled" : cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        });
    }

    SslFilter tlsFilter() {
        return tlsFilter;
    }

    /** Connections open right now. */
    public int openConnections() {
        return connector.getManagedSessionCount();
    }

    /** Waits up to the time given for the connections to finish closing. */
    public void awaitClosed(Duration timeout) {
        closedSessions.await(timeout, () -> connector.getManagedSessionCount() > 0);
    }

    /** Closes every connection at once and stops the I/O threads. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            connector.getManagedSessions().values().forEach(s -> s.closeNow());
            connector.dispose(false);
        }
    }
}
