package im.parley.core.session;

import im.parley.core.net.StreamListener;
import java.net.InetSocketAddress;
import java.time.Instant;
import javax.net.ssl.SSLSession;

/**
 * What a session with stream management has between its connection dropping and the client
 * resuming: writes go nowhere (the stanzas wait, unacknowledged, in the session), and the facts
 * about the connection that was are kept.
 */
final class DetachedConnection implements Connection {
    private final Connection previous;

    DetachedConnection(Connection previous) {
        this.previous = previous;
    }

    @Override
    public void write(String xml) {
        // Kept as unacknowledged stanzas by the session; sent again on resumption.
    }

    @Override
    public void writeAndClose(String xml) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean secure() {
        return previous.secure();
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public void offerStartTls(boolean offered) {
    }

    @Override
    public SSLSession sslSession() {
        return previous.sslSession();
    }

    @Override
    public void restartStream() {
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return previous.remoteAddress();
    }

    @Override
    public String transport() {
        return previous.transport();
    }

    @Override
    public Instant lastRead() {
        return previous.lastRead();
    }

    @Override
    public void eventHandled() {
    }

    @Override
    public void listen(StreamListener listener) {
    }
}
