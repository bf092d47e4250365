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
 * in-band registration, stream restart, resource binding and initial presence, then stanzas.
 * Parsing runs on the session's I/O thread with the server's own non-blocking decoder.
 */
public final class XmppClient {
    private static final Logger LOG = LoggerFactory.getLogger(XmppClient.class);
    private static final int MAX_STANZA_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 64;

    /** Why the client connects. */
    public enum Purpose { LOGIN, REGISTER }

    private enum Step { CONNECTING, FEATURES, STARTTLS, HANDSHAKE, SASL, REGISTER, BIND, ONLINE, DONE }

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
    private volatile long startedNanos;
    private volatile long onlineNanos;
    private boolean secure;
    private boolean authenticated;
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
        String reason = error != null ? "stream-error: " + error : "closed by server in step " + step.name().toLowerCase(java.util.Locale.ROOT);
        if (step == Step.ONLINE && settled.get()) {
            step = Step.DONE;
            events.disconnected(this, reason);
        } else {
            fail(reason);
        }
    }

    /** Gives up (once): reports the reason and closes the connection. */
    public void fail(String reason) {
        if (settled.compareAndSet(false, true)) {
            LOG.debug("{} failed: {}", username, reason);
            step = Step.DONE;
            events.failed(this, reason);
            IoSession s = session;
            if (s != null) {
                s.closeNow();
            }
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
        send(Stanzas.PRESENCE);
        onlineNanos = System.nanoTime();
        step = Step.ONLINE;
        if (settled.compareAndSet(false, true)) {
            events.online(this);
        }
    }

    private void onStanza(Element e) {
        switch (e.getName()) {
            case "message" -> events.message(this, e);
            case "iq" -> answerIq(e);
            default -> { } // presence: nothing to do
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
        send(ping ? Stanzas.pong(id, iq.attributeValue("from")) : Stanzas.unsupported(id, iq.attributeValue("from")));
    }

    private void closeStream() {
        IoSession s = session;
        if (s != null) {
            s.closeOnFlush(); // closed() reports it
        }
    }

    // ---- used by the runs ----

    /** Writes raw XML; a no-op once the connection is gone. */
    public void send(String xml) {
        IoSession s = session;
        if (s != null && s.isConnected() && !s.isClosing()) {
            s.write(IoBuffer.wrap(Stanzas.utf8(xml)));
        }
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
