package im.parley.load;

import im.parley.core.xml.StreamEvent;
import im.parley.core.xml.XmlStreamDecoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated client stream, driven entirely by I/O events: stream header, STARTTLS, SASL or
 * in-band registration, stream restart, resource binding, stream management if asked for, and
 * initial presence, then stanzas. Parsing runs on the session's I/O thread with the server's own
 * non-blocking decoder.
 */
public final class XmppClient {
    private static final Logger LOG = LoggerFactory.getLogger(XmppClient.class);
    private static final int MAX_STANZA_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 64;

    /** Why the client connects. */
    public enum Purpose { LOGIN, REGISTER }

    private enum Step { CONNECTING, FEATURES, STARTTLS, HANDSHAKE, SASL, REGISTER, BIND, ENABLE, ONLINE, DONE }

    private final int index;
    private final String username;
    private final Purpose purpose;
    private final LoadTarget target;
    private final ClientConnector connector;
    private final XmlStreamDecoder decoder = new XmlStreamDecoder(MAX_STANZA_BYTES, MAX_DEPTH);
    private final Consumer<StreamEvent> sink = this::onEvent;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile ClientEvents events;
    private volatile IoSession session;
    private volatile Step step = Step.CONNECTING;
    private volatile String jid;
    private volatile String streamError;
    private volatile String problem;
    /** Stream management counters, from {@code <enable/>} on; null without it. */
    private volatile StreamAcks acks;
    private volatile long startedNanos;
    private volatile long onlineNanos;
    private boolean secure;
    private boolean authenticated;
    private boolean smOffered;
    private boolean ackDue;
    private SaslClient sasl;
    private Runnable afterDecode;

    XmppClient(int index, Purpose purpose, LoadTarget target, ClientConnector connector, ClientEvents events) {
        this.index = index;
        this.username = target.username(index);
        this.purpose = purpose;
        this.target = target;
        this.connector = connector;
        this.events = events;
    }

    /** Starts connecting; everything after happens on I/O events. */
    void start() {
        startedNanos = System.nanoTime();
        connector.open(this);
    }

    /** Hands the client's later events (messages, disconnects) to another run. */
    public void listen(ClientEvents newEvents) {
        this.events = newEvents;
    }

    // ---- I/O events ----

    void opened(IoSession s) {
        this.session = s;
        if (settled.get()) {
            s.closeNow(); // timed out while connecting
            return;
        }
        step = Step.FEATURES;
        send(Stanzas.header(target.domain()));
    }

    synchronized void received(IoBuffer buffer) {
        if (buffer.hasArray()) {
            decoder.decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), sink);
        } else {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            decoder.decode(bytes, 0, bytes.length, sink);
        }
        Runnable action = afterDecode;
        if (action != null) {
            afterDecode = null;
            action.run();
        }
        if (ackDue) {
            ackDue = false; // one answer covers everything this read brought (XEP-0198 §4)
            send(acks.answer());
        }
    }

    /** TLS is up: open a new stream over it (RFC 6120 §5.4.3.3). */
    synchronized void secured() {
        if (step != Step.HANDSHAKE) {
            return;
        }
        secure = true;
        decoder.restart();
        step = Step.FEATURES;
        send(Stanzas.header(target.domain()));
    }

    void closed() {
        String error = streamError;
        String reason = error != null ? "stream-error: " + error
                : problem != null ? problem : "closed by server in step " + step.name().toLowerCase(java.util.Locale.ROOT);
        if (step == Step.ONLINE && settled.get()) {
            LOG.debug("{} disconnected: {}", username, reason);
            step = Step.DONE;
            events.disconnected(this, reason);
        } else {
            fail(reason);
        }
    }

    /**
     * Gives up (once): reports the reason and closes the connection. An online client is closed too
     * and reports the reason as its disconnect.
     */
    public void fail(String reason) {
        if (settled.compareAndSet(false, true)) {
            LOG.debug("{} failed: {}", username, reason);
            step = Step.DONE;
            events.failed(this, reason);
        } else if (step == Step.ONLINE && problem == null) {
            LOG.debug("{} closes: {}", username, reason);
            problem = reason;
        } else {
            return;
        }
        IoSession s = session;
        if (s != null) {
            s.closeNow();
        }
    }

    // ---- the stream ----

    private void onEvent(StreamEvent event) {
        if (event instanceof StreamEvent.Child child) {
            onChild(child.element());
        } else if (event instanceof StreamEvent.Failure failure) {
            fail("xml: " + failure.condition().toXMPP() + " " + failure.text());
        } else if (event instanceof StreamEvent.Close) {
            closeStream();
        }
    }

    private void onChild(Element e) {
        if ("error".equals(e.getName()) && Stanzas.STREAMS_NS.equals(e.getNamespaceURI())) {
            streamError = Received.firstChildName(e, Received.STREAM_ERRORS_NS);
            return; // the server closes next; closed() reports it
        }
        switch (step) {
            case ONLINE -> onStanza(e);
            case FEATURES -> onFeatures(e);
            case STARTTLS -> onStartTlsAnswer(e);
            case SASL -> onSasl(e);
            case REGISTER -> onRegisterAnswer(e);
            case BIND -> onBound(e);
            case ENABLE -> onEnableAnswer(e);
            default -> fail("unexpected <" + e.getName() + "/> in step " + step.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void onFeatures(Element features) {
        if (!"features".equals(features.getName())) {
            fail("expected stream features, got <" + features.getName() + "/>");
        } else if (target.tls() && !secure) {
            if (features.element("starttls") == null) {
                fail("tls: the server offers no STARTTLS");
                return;
            }
            step = Step.STARTTLS;
            send(Stanzas.STARTTLS);
        } else if (authenticated) {
            smOffered = Received.offers(features, "sm", Stanzas.SM_NS);
            step = Step.BIND;
            send(Stanzas.BIND);
        } else if (purpose == Purpose.REGISTER) {
            step = Step.REGISTER;
            send(Stanzas.register(username, target.password()));
        } else {
            List<String> offered = Received.mechanisms(features);
            if (!offered.contains(target.mechanism())) {
                fail("sasl: " + target.mechanism() + " not offered (offered: " + offered + ")");
                return;
            }
            sasl = new SaslClient(target.mechanism(), username, target.password());
            step = Step.SASL;
            send(Stanzas.auth(sasl.mechanism(), sasl.initialResponse()));
        }
    }

    private void onStartTlsAnswer(Element e) {
        if (!"proceed".equals(e.getName())) {
            fail("tls: the server refused STARTTLS");
            return;
        }
        // What follows <proceed/> is TLS: stop parsing, add the filter once the decoder has returned.
        decoder.halt();
        step = Step.HANDSHAKE;
        afterDecode = () -> session.getFilterChain().addFirst("tls", connector.tlsFilter());
    }

    private void onSasl(Element e) {
        try {
            switch (e.getName()) {
                case "challenge" -> send(Stanzas.response(sasl.respond(Stanzas.unbase64(e.getText()))));
                case "success" -> {
                    if (!sasl.verifySuccess(Stanzas.unbase64(e.getText()))) {
                        fail("sasl: the server's signature does not verify");
                        return;
                    }
                    authenticated = true;
                    decoder.halt();
                    step = Step.FEATURES;
                    afterDecode = () -> {
                        decoder.restart(); // RFC 6120 §6.4.6: a new stream after success
                        send(Stanzas.header(target.domain()));
                    };
                }
                case "failure" -> fail("sasl: " + Received.firstChildName(e, Stanzas.SASL_NS));
                default -> fail("sasl: unexpected <" + e.getName() + "/>");
            }
        } catch (RuntimeException ex) {
            fail("sasl: " + ex.getMessage());
        }
    }

    private void onRegisterAnswer(Element iq) {
        if (!"iq".equals(iq.getName()) || !"r".equals(iq.attributeValue("id"))) {
            return;
        }
        String condition = "error".equals(iq.attributeValue("type")) ? Received.errorCondition(iq) : null;
        if (condition == null || "conflict".equals(condition)) {
            if (settled.compareAndSet(false, true)) {
                step = Step.DONE;
                events.registered(this, condition == null);
                close();
            }
        } else {
            fail("register: " + condition);
        }
    }

    private void onBound(Element iq) {
        if (!"iq".equals(iq.getName()) || !"b".equals(iq.attributeValue("id"))) {
            return;
        }
        if ("error".equals(iq.attributeValue("type"))) {
            fail("bind: " + Received.errorCondition(iq));
            return;
        }
        Element bind = iq.element("bind");
        jid = bind == null ? null : bind.elementTextTrim("jid");
        if (jid == null) {
            fail("bind: no jid in the result");
            return;
        }
        if (!target.streamManagement()) {
            goOnline();
        } else if (!smOffered) {
            fail("sm: the server offers no stream management");
        } else {
            acks = new StreamAcks(); // XEP-0198 §4: our count starts with <enable/>
            step = Step.ENABLE;
            send(Stanzas.SM_ENABLE);
        }
    }

    /** Only {@code <enabled/>} makes the session count as online under stream management. */
    private void onEnableAnswer(Element e) {
        if (Stanzas.SM_NS.equals(e.getNamespaceURI())) {
            if ("enabled".equals(e.getName())) {
                goOnline();
            } else if ("failed".equals(e.getName())) {
                fail("sm: enable failed: " + Received.firstChildName(e, Stanzas.STANZAS_NS));
            }
        } else if ("iq".equals(e.getName())) {
            answerIq(e); // sent before <enabled/>: the server does not count it, neither do we
        }
    }

    private void goOnline() {
        sendStanza(Stanzas.PRESENCE);
        onlineNanos = System.nanoTime();
        step = Step.ONLINE;
        if (settled.compareAndSet(false, true)) {
            events.online(this);
        }
    }

    private void onStanza(Element e) {
        StreamAcks a = acks;
        if (a != null && Stanzas.SM_NS.equals(e.getNamespaceURI())) {
            onStreamManagement(a, e);
            return;
        }
        switch (e.getName()) {
            case "message" -> {
                countHandled(a);
                events.message(this, e);
            }
            case "iq" -> {
                countHandled(a);
                answerIq(e);
            }
            case "presence" -> countHandled(a);
            default -> { }
        }
    }

    /** Counts a stanza as handled; the callbacks run before any answer to {@code <r/>} goes out. */
    private static void countHandled(StreamAcks a) {
        if (a != null) {
            a.handledOne();
        }
    }

    private void onStreamManagement(StreamAcks a, Element e) {
        switch (e.getName()) {
            case "r" -> ackDue = true; // answered once the whole read is handled
            case "a" -> {
                long h = StreamAcks.count(e.attributeValue("h"));
                if (!a.acknowledged(h, sentNanos -> events.acknowledged(this, sentNanos))) {
                    fail("sm: the server acknowledged h=" + e.attributeValue("h") + " but we sent " + a.sent() % StreamAcks.WRAP);
                }
            }
            case "failed" -> fail("sm: failed: " + Received.firstChildName(e, Stanzas.STANZAS_NS));
            default -> { }
        }
    }

    private void answerIq(Element iq) {
        String type = iq.attributeValue("type");
        if (!"get".equals(type) && !"set".equals(type)) {
            return;
        }
        String id = iq.attributeValue("id", "");
        Element child = iq.elements().isEmpty() ? null : iq.elements().get(0);
        boolean ping = child != null && "ping".equals(child.getName()) && Stanzas.PING_NS.equals(child.getNamespaceURI());
        sendStanza(ping ? Stanzas.pong(id, iq.attributeValue("from")) : Stanzas.unsupported(id, iq.attributeValue("from")));
    }

    private void closeStream() {
        IoSession s = session;
        if (s != null) {
            s.closeOnFlush(); // closed() reports it
        }
    }

    // ---- used by the runs ----

    /**
     * Writes raw XML (whitespace, stream management elements); a no-op once the connection is gone.
     * Stanzas go through {@link #sendStanza} or {@link #send(String, long, int)}, which count them.
     */
    public void send(String xml) {
        IoSession s = session;
        if (s != null && s.isConnected() && !s.isClosing()) {
            s.write(IoBuffer.wrap(Stanzas.utf8(xml)));
        }
    }

    /** Writes a stanza, counted under stream management. */
    public void sendStanza(String xml) {
        send(xml, StreamAcks.NO_STAMP, 0);
    }

    /**
     * Writes a stanza stamped with its send time. Under stream management it is counted and the
     * time kept until the server acknowledges it ({@link ClientEvents#acknowledged}); every
     * {@code requestEvery}-th such stanza (never when 0) carries a request for that, {@code <r/>}.
     */
    public void send(String xml, long sentNanos, int requestEvery) {
        StreamAcks a = acks;
        if (a == null) {
            send(xml);
            return;
        }
        synchronized (a) { // the stanza numbers follow the order of the writes
            send(a.sentOne(sentNanos, requestEvery) ? xml + Stanzas.SM_REQUEST : xml);
        }
    }

    /** Under stream management, asks the server for its count of our stanzas ({@code <r/>}). */
    public void requestAck() {
        if (acks != null) {
            send(Stanzas.SM_REQUEST);
        }
    }

    /** Stamped stanzas whose acknowledgement is awaited; 0 without stream management. */
    public int awaitingAcks() {
        StreamAcks a = acks;
        return a == null ? 0 : a.awaited();
    }

    /** Bytes written by the tool but not yet handed to the socket (MINA's write queue). */
    public long queuedBytes() {
        IoSession s = session;
        return s == null ? 0 : s.getScheduledWriteBytes();
    }

    /** The local address of the connection, e.g. to find it with ss; empty before connecting. */
    public String localAddress() {
        IoSession s = session;
        return s == null || s.getLocalAddress() == null ? "" : s.getLocalAddress().toString();
    }

    /** Writes not yet handed to the socket. */
    public int queuedWrites() {
        IoSession s = session;
        return s == null ? 0 : s.getScheduledWriteMessages();
    }

    /** Whether stream management is on for this stream (enable sent). */
    public boolean managed() {
        return acks != null;
    }

    /** Ends the stream politely and closes once the closing tag is written; reports nothing more. */
    public void close() {
        step = Step.DONE;
        IoSession s = session;
        if (s != null && s.isConnected() && !s.isClosing()) {
            s.write(IoBuffer.wrap(Stanzas.utf8(Stanzas.CLOSE)));
            s.closeOnFlush();
        }
    }

    public boolean online() {
        IoSession s = session;
        return step == Step.ONLINE && s != null && s.isConnected();
    }

    /** Nanoseconds since {@link #start()}. */
    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    String stepName() {
        return step.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Nanoseconds from connecting to the bound resource. */
    long loginNanos() {
        return onlineNanos - startedNanos;
    }

    public int index() {
        return index;
    }

    public String username() {
        return username;
    }

    /** The full JID the server bound, or null before binding. */
    public String jid() {
        return jid;
    }
}
