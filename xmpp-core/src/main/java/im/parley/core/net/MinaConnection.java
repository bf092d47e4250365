package im.parley.core.net;

import im.parley.core.session.Connection;
import im.parley.core.tls.TlsContext;
import io.prometheus.metrics.core.metrics.Counter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.polling.AbstractPollingIoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client stream's TCP connection through MINA. */
final class MinaConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(MinaConnection.class);
    static final AttributeKey KEY = new AttributeKey(MinaConnection.class, "connection");
    static final String TLS_FILTER = "tls";
    static final String CODEC_FILTER = "xmpp";

    private final IoSession session;
    private final TlsContext tls;
    private final boolean directTls;
    private final long maxSendQueue;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean readSuspended;
    private final Counter suspensions;
    @SuppressWarnings("rawtypes")
    private volatile AbstractPollingIoProcessor processor;
    private final AtomicBoolean slowReported = new AtomicBoolean();
    private volatile boolean startTlsOffered;

    MinaConnection(IoSession session, TlsContext tls, boolean directTls, long maxSendQueue, int maxPending,
                    Counter suspensions) {
        this.suspensions = suspensions;
        this.session = session;
        this.tls = tls;
        this.directTls = directTls;
        this.maxSendQueue = maxSendQueue;
        this.maxPending = maxPending;
    }

    static MinaConnection of(IoSession session) {
        return (MinaConnection) session.getAttribute(KEY);
    }

    @Override
    public void write(String xml) {
        if (xml.isEmpty()) {
            return; // MINA refuses empty buffers
        }
        if (!session.isConnected() || session.isClosing()) {
            return;
        }
        if (session.getScheduledWriteBytes() > maxSendQueue) {
            if (slowReported.compareAndSet(false, true)) {
                LOG.warn("Closing {}: more than {} bytes wait to be sent, the client does not read", remoteAddress(), maxSendQueue);
            }
            session.closeNow();
            return;
        }
        session.write(IoBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void writeAndClose(String xml) {
        if (session.isConnected() && !session.isClosing()) {
            session.write(IoBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)));
        }
        session.closeOnFlush();
    }

    @Override
    public void close() {
        session.closeNow();
    }

    @Override
    public boolean secure() {
        return session.getFilterChain().contains(TLS_FILTER);
    }

    @Override
    public boolean canStartTls() {
        return !secure();
    }

    @Override
    public void offerStartTls(boolean offered) {
        startTlsOffered = offered;
    }

    boolean startTlsOffered() {
        return startTlsOffered && !secure();
    }

    /** Runs on the I/O thread right after the STARTTLS request was read: proceed, then TLS. */
    void startTls() {
        startTlsOffered = false;
        // The <proceed/> passes the chain before the TLS filter exists, so it goes out in clear text.
        session.write(IoBuffer.wrap("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(StandardCharsets.UTF_8)));
        session.getFilterChain().addBefore(CODEC_FILTER, TLS_FILTER, newTlsFilter(tls));
    }

    static SslFilter newTlsFilter(TlsContext tls) {
        return new SslFilter(tls.sslContext()) {
            @Override
            protected SSLEngine createEngine(IoSession s, java.net.InetSocketAddress addr) {
                // The default would look up the peer's host name; a server engine needs no peer hint.
                return tls.newServerEngine();
            }
        };
    }

    @Override
    public SSLSession sslSession() {
        Object secured = session.getAttribute(SslFilter.SSL_SECURED);
        return secured instanceof SSLSession s ? s : null;
    }

    @Override
    public void restartStream() {
        XmppCodecFilter.restart(session);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    @Override
    public java.time.Instant lastRead() {
        return java.time.Instant.ofEpochMilli(Math.max(session.getLastReadTime(), session.getCreationTime()));
    }

    @Override
    public String transport() {
        return directTls ? "tls" : "tcp";
    }

    /**
     * Counts an event queued for the session's worker (on the I/O thread); stops reading when too
     * many wait. The worker's {@link #eventHandled} resumes. Both sides publish to {@code pending}
     * before they look at {@code readSuspended} and decide under the lock, so a resume cannot run
     * ahead of the suspend it answers and leave the socket unread.
     */
    void eventQueued() {
        if (pending.incrementAndGet() >= maxPending) {
            synchronized (this) {
                if (!readSuspended && pending.get() >= maxPending) {
                    readSuspended = true;
                    session.suspendRead();
                    suspensions.inc();
                    reapplyInterest();
                }
            }
        }
    }

    @Override
    public void eventHandled() {
        if (pending.decrementAndGet() <= maxPending / 2 && readSuspended) {
            synchronized (this) {
                if (readSuspended && pending.get() <= maxPending / 2) {
                    readSuspended = false;
                    session.resumeRead();
                    reapplyInterest();
                }
            }
        }
    }

    /**
     * MINA's suspendRead and resumeRead change the socket's interest set with an unguarded
     * read-modify-write on the calling thread, which races with the I/O thread setting write
     * interest: either change can undo the other, and a lost read interest leaves the client's
     * socket unread for good. Asking the session's I/O processor to recompute the interest set from
     * the session's flags makes the I/O thread itself apply the final state, after this change.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void reapplyInterest() {
        AbstractPollingIoProcessor processor = ioProcessor();
        if (processor != null) {
            processor.updateTrafficMask((AbstractIoSession) session);
        }
    }

    /** The I/O processor serving this session: the pool keeps it among the session's attributes. */
    @SuppressWarnings("rawtypes")
    private AbstractPollingIoProcessor ioProcessor() {
        AbstractPollingIoProcessor known = processor;
        if (known == null && session instanceof AbstractIoSession io) {
            if (io.getProcessor() instanceof AbstractPollingIoProcessor own) {
                known = own;
            } else {
                for (Object key : session.getAttributeKeys()) {
                    if (session.getAttribute(key) instanceof AbstractPollingIoProcessor pooled) {
                        known = pooled;
                        break;
                    }
                }
            }
            processor = known;
        }
        return known;
    }

    IoSession ioSession() {
        return session;
    }

    @Override
    public void listen(StreamListener listener) {
        if (listener == null) {
            session.removeAttribute(C2sHandler.LISTENER);
        } else {
            session.setAttribute(C2sHandler.LISTENER, listener);
        }
    }
}
