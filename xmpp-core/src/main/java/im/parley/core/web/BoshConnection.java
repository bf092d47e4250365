package im.parley.core.web;

import im.parley.core.net.StreamListener;
import im.parley.core.session.Connection;
import im.parley.core.xml.StreamEvent;
import im.parley.core.xml.XmlStreamDecoder;
import jakarta.servlet.AsyncContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BOSH session (XEP-0124, XEP-0206) as a client connection: the session layer's output waits
 * here until the client's next HTTP request (long polling, at most {@code hold} requests held), and
 * each request's payload is decoded into stream events by the same decoder as TCP, in a stream whose
 * default namespace is jabber:client.
 */
final class BoshConnection implements Connection {
    private static final Logger LOG = LoggerFactory.getLogger(BoshConnection.class);
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'";

    final String sid;
    private final String domain;
    private final XmlStreamDecoder decoder;
    private final OrderedWork work;
    private final InetSocketAddress remote;
    private final boolean secure;
    private final Runnable ended;
    private final List<String> pending = new ArrayList<>();
    private volatile StreamListener listener;
    private volatile Instant lastRead = Instant.now();
    /** The request held open for output (XEP-0124 §11: hold is 1). */
    private AsyncContext held;
    private long heldRid;
    /** The next request id the client must use, and the answers to the last ones for retransmission (§14.1). */
    private long expectedRid;
    private final java.util.Map<Long, String> answered = new java.util.LinkedHashMap<>();
    private String streamId;
    private boolean terminated;
    /** Attributes of the session creation response, sent with the first answer (XEP-0124 §7.1). */
    private String creation;
    /** Requests in the current second, against clients that poll in a loop (XEP-0124 §12). */
    private long second;
    private int requestsThisSecond;

    BoshConnection(String sid, String domain, long firstRid, Function<Connection, StreamListener> sessions, Executor workers,
                   int maxStanzaBytes, int maxDepth, InetSocketAddress remote, boolean secure, Runnable ended) {
        this.sid = sid;
        this.domain = domain;
        this.expectedRid = firstRid;
        this.work = new OrderedWork(workers);
        this.decoder = new XmlStreamDecoder(maxStanzaBytes, maxDepth);
        this.remote = remote;
        this.secure = secure;
        this.ended = ended;
        this.listener = sessions.apply(this);
    }

    // ---- the client's requests ----

    /** Where a request's rid stands: the next one, a retransmission of an answered one, or out of order. */
    synchronized String replay(long rid) {
        return answered.get(rid);
    }

    synchronized boolean expected(long rid) {
        return rid == expectedRid;
    }

    /** Feeds a request's payload (the text inside its body element) and holds the request for output. */
    void request(long rid, String payload, boolean restart, boolean terminate, AsyncContext async, long waitMillis) {
        lastRead = Instant.now();
        List<StreamEvent> events = new ArrayList<>();
        synchronized (decoder) {
            if (restart) {
                decoder.restart(); // XEP-0206 §5: the restart request stands for a new stream header
                feed(HEADER + " to='" + domain + "' version='1.0'>", events);
            }
            if (!payload.isBlank()) {
                feed(payload, events);
            }
        }
        if (terminate) {
            events.add(new StreamEvent.Close()); // XEP-0124 §13
        }
        dispatch(events);
        synchronized (this) {
            expectedRid = rid + 1;
            if (held != null) {
                respond(held, heldRid); // a newer request takes the held one's place (§11)
            }
            held = async;
            heldRid = rid;
            async.setTimeout(waitMillis);
            if (!pending.isEmpty() || terminated) {
                respond(held, heldRid);
            }
        }
    }

    /** Whether this request passes the rate a BOSH client needs; a client above it is told policy-violation. */
    synchronized boolean withinRate(int perSecond) {
        long now = System.currentTimeMillis() / 1000;
        if (now != second) {
            second = now;
            requestsThisSecond = 0;
        }
        return ++requestsThisSecond <= perSecond;
    }

    /** Opens the stream for the session creation request, which is answered once the features are out. */
    void open(String to, String lang, long rid, String creationAttributes, AsyncContext async, long waitMillis) {
        synchronized (this) {
            creation = creationAttributes;
            expectedRid = rid + 1;
            held = async;
            heldRid = rid;
            async.setTimeout(waitMillis);
        }
        List<StreamEvent> events = new ArrayList<>();
        synchronized (decoder) {
            feed(HEADER + " to='" + escape(to) + "' version='1.0'" + (lang == null ? "" : " xml:lang='" + escape(lang) + "'") + ">",
                    events);
        }
        dispatch(events);
    }

    /** The held request's wait ended with nothing to send: an empty answer. */
    synchronized void timedOut(AsyncContext async) {
        if (held == async) {
            respond(held, heldRid);
        }
    }

    private void feed(String xml, List<StreamEvent> events) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        decoder.decode(bytes, 0, bytes.length, events::add);
    }

    private void dispatch(List<StreamEvent> events) {
        for (StreamEvent event : events) {
            StreamListener l = listener;
            if (l == null || l.takeAhead(event)) {
                continue;
            }
            work.run(() -> {
                StreamListener current = listener;
                if (current != null) {
                    current.onEvent(event);
                }
            });
        }
    }

    /** Answers a held request with everything pending (called holding this). */
    private void respond(AsyncContext async, long rid) {
        held = null;
        StringBuilder body = new StringBuilder("<body xmlns='" + BoshServlet.NS + "'");
        if (creation != null) {
            body.append(' ').append(creation).append(streamId == null ? "" : " authid='" + streamId + "'");
            creation = null;
        }
        if (terminated) {
            body.append(" type='terminate'");
        }
        if (pending.isEmpty()) {
            body.append("/>");
        } else {
            body.append(" xmlns:stream='http://etherx.jabber.org/streams'>");
            pending.forEach(body::append);
            pending.clear();
            body.append("</body>");
        }
        String answer = body.toString();
        answered.put(rid, answer);
        answered.keySet().removeIf(r -> r < rid - 1);
        BoshServlet.send(async, answer);
        if (terminated) {
            ended.run();
        }
    }

    // ---- the session's side ----

    @Override
    public synchronized void write(String xml) {
        if (terminated) {
            return;
        }
        for (String frame : WebSocketFraming.frames(xml)) {
            if (frame.startsWith("<open ")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" id=\"([^\"]*)\"").matcher(frame);
                streamId = m.find() ? m.group(1) : streamId;
            } else if (frame.equals(WebSocketFraming.CLOSE)) {
                terminated = true;
            } else {
                pending.add(frame);
            }
        }
        if (held != null && (!pending.isEmpty() || terminated)) {
            respond(held, heldRid);
        }
    }

    @Override
    public synchronized void writeAndClose(String xml) {
        write(xml);
        terminate();
    }

    @Override
    public synchronized void close() {
        terminate();
    }

    private void terminate() {
        if (!terminated) {
            terminated = true;
        }
        if (held != null) {
            respond(held, heldRid);
        } else {
            ended.run();
        }
        StreamListener l = listener;
        listener = null;
        if (l != null) {
            work.run(l::onDisconnected);
        }
    }

    /** Ends a session whose client stopped asking (XEP-0124 §7: inactivity). */
    void idleCheck(java.time.Duration inactivity) {
        boolean idle;
        synchronized (this) {
            idle = held == null && Instant.now().isAfter(lastRead.plus(inactivity));
        }
        if (idle) {
            StreamListener l = listener;
            if (l != null) {
                work.run(l::onIdle);
            }
        }
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public boolean canStartTls() {
        return false;
    }

    @Override
    public void offerStartTls(boolean offered) {
        // BOSH runs over HTTPS or a proxy's TLS
    }

    @Override
    public SSLSession sslSession() {
        return null;
    }

    @Override
    public void restartStream() {
        // the restart request feeds the decoder a new header (see request)
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String transport() {
        return "bosh";
    }

    @Override
    public Instant lastRead() {
        return lastRead;
    }

    @Override
    public void eventHandled() {
        // each request carries a bounded payload; requests beyond 'requests' are refused instead
    }

    @Override
    public void listen(StreamListener next) {
        this.listener = next;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
