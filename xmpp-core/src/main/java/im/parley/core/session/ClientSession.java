package im.parley.core.session;

import im.parley.api.Origin;
import im.parley.api.Phase;
import im.parley.api.StanzaException;
import im.parley.api.StreamElementHandler;
import im.parley.api.StreamStage;
import im.parley.api.event.SessionClosed;
import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import im.parley.core.sasl.SaslExchange;
import im.parley.core.stream.StreamErrorException;
import im.parley.core.stream.StreamHeaderCheck;
import im.parley.core.stream.StreamXml;
import im.parley.core.xml.StreamEvent;
import im.parley.core.net.StreamListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/**
 * One client stream from connect to close: stream headers, TLS and SASL negotiation, resource
 * binding, then stanzas. Its events run one at a time on the session's worker; delivery to it
 * may come from any thread and only writes.
 */
public final class ClientSession implements LocalSession, Origin, StreamListener, SaslExchange.Host {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private enum State { HEADER, NEGOTIATING, BINDING, ESTABLISHED }

    /** The connection and stream management over it. */
    private final ClientLink link;
    private final ClientState clientState = new ClientState();
    private final SessionServices services;
    private final Instant connectedAt;
    private final SaslExchange sasl;
    private final StreamFeatureOffer offer;
    private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile State state = State.HEADER;
    private volatile boolean headerSent;
    private volatile boolean cleanClose;
    private volatile String streamId = StreamIds.next();
    private volatile String domain;
    private volatile String username;
    private volatile JID address;
    private final RouteState routeState = new RouteState();
    private volatile im.parley.api.Scheduler.Task authTimer;

    public ClientSession(Connection connection, SessionServices services) {
        this.link = new ClientLink(connection, services);
        this.services = services;
        this.connectedAt = services.server().clock().instant();
        this.sasl = new SaslExchange(services.sasl(), this);
        this.offer = new StreamFeatureOffer(services, connection);
        services.registry().connected(this);
        this.authTimer = services.scheduler().schedule(services.c2s().authTimeout(), () -> {
            if (address == null) {
                close(new StreamError(StreamError.Condition.connection_timeout, "authentication took too long", "en"));
            }
        });
    }

    @Override
    public void onEvent(StreamEvent event) {
        if (closing.get()) {
            return;
        }
        try {
            if (event instanceof StreamEvent.Child child) {
                onChild(child.element());
            } else if (event instanceof StreamEvent.Open open) {
                onOpen(open);
            } else if (event instanceof StreamEvent.TlsStarted) {
                restartExpected();
            } else if (event instanceof StreamEvent.Close) {
                onClientClose();
            } else if (event instanceof StreamEvent.Failure failure) {
                close(new StreamError(failure.condition(), failure.text(), "en"));
            }
        } catch (StreamErrorException e) {
            close(e.error());
        } catch (RuntimeException e) {
            LOG.error("Internal error on the stream of {}", describe(), e);
            close(new StreamError(StreamError.Condition.internal_server_error));
        }
    }

    /**
     * A client's {@code <a/>} is handled as it is read, not behind the stanzas the client sent
     * before it: a client that sends and receives a lot would otherwise see its acks wait in its
     * own queue while the server's count of stanzas it left unacknowledged passes the limit.
     * Anything but a valid ack of a managed stream takes the usual way (and its errors).
     */
    @Override
    public boolean takeAhead(StreamEvent event) {
        return !closing.get() && link.managed() && event instanceof StreamEvent.Child child
                && SmElements.isAck(child.element()) && link.acknowledgedAhead(SmElements.countOrNegative(child.element()));
    }

    @Override
    public void onIdle() {
        if (link.resumable()) {
            link.connection().close(); // a silent client may be a phone out of coverage: wait for it to resume
            return;
        }
        close(new StreamError(StreamError.Condition.connection_timeout,
                "nothing received for " + services.c2s().idleTimeout().toSeconds() + " seconds", "en"));
    }

    @Override
    public void onDisconnected() {
        if (!closing.get() && !cleanClose && address != null && link.resumable()) {
            // XEP-0198 §5: the session stays bound and keeps what arrives until the client resumes.
            link.detach(this::expire);
            LOG.debug("{} detached; waiting {} for it to resume", address, services.c2s().resumptionTimeout());
            services.events().publish(new im.parley.api.event.SessionDetached(this, link.unacknowledgedMessages()));
            return;
        }
        closing.set(true);
        im.parley.api.Scheduler.Task timer = authTimer;
        if (timer != null) {
            timer.cancel();
        }
        finish();
    }

    /** Ends the session for good: its route goes, unacknowledged messages go elsewhere, modules hear of it. */
    private void finish() {
        try {
            String id = link.resumptionId();
            if (id != null) {
                services.registry().forgetResumable(id, this);
            }
            if (address != null && services.registry().unbind(this)) {
                services.routes().remove(route());
                services.metrics().sessions.set(services.registry().count());
            }
            Unacknowledged.reroute(link.drain(), services.router(), domain);
            ended();
        } finally {
            // Last, so that shutdown waits until modules have seen the session end (its unavailable presence).
            services.registry().disconnected(this);
        }
    }

    /** The client did not resume in time (or the session must end now): it ends for good. */
    private void expire() {
        if (link.endDetachment()) {
            closing.set(true);
            finish();
        }
    }

    /** XEP-0198 §5: this session continues on a new stream's connection, which has sent its header. */
    void resumed() {
        headerSent = true;
        state = State.ESTABLISHED;
    }

    /** A stream whose connection a resumed session took over: it goes without a word. */
    void abandon() {
        closing.set(true);
        im.parley.api.Scheduler.Task timer = authTimer;
        if (timer != null) {
            timer.cancel();
        }
        services.registry().disconnected(this);
    }

    /**
     * Ends a session whose full JID another stream has just bound: it is closed with conflict and
     * counts as ended now, on the new session's worker, so its departure is published before the
     * new session can send anything (its route already belongs to the new session).
     */
    void replaced() {
        close(new StreamError(StreamError.Condition.conflict, "replaced by a new connection", "en"));
        ended();
    }

    private void ended() {
        if (address != null && ended.compareAndSet(false, true)) {
            services.events().publish(new SessionClosed(this, cleanClose));
        }
    }

    private void onOpen(StreamEvent.Open open) throws StreamErrorException {
        if (state != State.HEADER) {
            throw new StreamErrorException(StreamError.Condition.invalid_xml, "unexpected stream header");
        }
        String requested = StreamHeaderCheck.check(open, services.server());
        if (domain != null && !domain.equals(requested)) {
            throw new StreamErrorException(StreamError.Condition.host_unknown, "a restarted stream must address " + domain);
        }
        domain = requested;
        streamId = StreamIds.next();
        String from = open.attribute("from");
        link.connection().write(StreamXml.header(domain, from, streamId, open.attribute("xml:lang")));
        headerSent = true;
        link.connection().write(StreamXml.features(offer.features(this, sasl, username != null)));
        state = username == null ? State.NEGOTIATING : State.BINDING;
    }

    private void restartExpected() {
        state = State.HEADER;
        headerSent = false;
    }

    private void onChild(Element element) throws StreamErrorException {
        switch (state) {
            case NEGOTIATING -> Negotiation.handle(element, this, services, sasl);
            case BINDING -> bindStage(element);
            case ESTABLISHED -> established(element);
            case HEADER -> throw new StreamErrorException(StreamError.Condition.not_well_formed, "expected a stream header");
        }
    }

    /** STARTTLS the transport did not take: not offered here (RFC 6120 §5.4.2.2). */
    void refuseStartTls() {
        closing.set(true);
        link.connection().writeAndClose("<failure xmlns='" + StreamXml.TLS_NS + "'/>" + StreamXml.CLOSE);
    }

    private void bindStage(Element element) throws StreamErrorException {
        if (ResourceBinder.isBindRequest(element)) {
            ResourceBinder.bind(element, this, services);
        } else if (ResourceBinder.isSessionRequest(element)) {
            ResourceBinder.answerSession(element, this);
        } else if (SmElements.isSm(element)) {
            SmElements.beforeBind(element, this, services);
        } else {
            throw new StreamErrorException(StreamError.Condition.not_authorized, "bind a resource first");
        }
    }

    private void established(Element element) throws StreamErrorException {
        String ns = element.getNamespaceURI();
        String name = element.getName();
        if (StreamXml.CLIENT_NS.equals(ns) && ("message".equals(name) || "presence".equals(name) || "iq".equals(name))) {
            // Counted once handled (acknowledge after durable): routed, stored where storage takes it,
            // and, for a message handed to a session on another node, once that node confirms.
            Runnable handled = link.receivedOne();
            if (handled == null) {
                services.stanzas().fromClient(element, this);
            } else if ("message".equals(name)) {
                try (var scope = services.delivery().handoffs().open(handled)) {
                    services.stanzas().fromClient(element, this);
                }
            } else {
                services.stanzas().fromClient(element, this);
                handled.run();
            }
            return;
        }
        if (SmElements.isSm(element)) {
            SmElements.established(element, this, services);
            return;
        }
        if (ClientState.NS.equals(ns) && ("active".equals(name) || "inactive".equals(name))) {
            clientState.inactive("inactive".equals(name)).forEach(this::write); // XEP-0352 §4
            return;
        }
        Optional<StreamElementHandler> handler = services.streamElements().find(ns, name);
        if (handler.isEmpty()) {
            throw new StreamErrorException(StreamError.Condition.unsupported_stanza_type,
                    "<" + name + "/> in " + ns + " is not supported");
        }
        handler.get().handle(element, this);
    }

    private void onClientClose() {
        // RFC 6120 §4.4: answer the closing tag with ours, then close.
        cleanClose = true;
        if (closing.compareAndSet(false, true)) {
            link.connection().writeAndClose(StreamXml.CLOSE);
        }
    }

    void bound(JID full) {
        this.address = full;
        this.state = State.ESTABLISHED;
        im.parley.api.Scheduler.Task timer = authTimer;
        if (timer != null) {
            timer.cancel();
            authTimer = null;
        }
    }

    Route route() {
        return routeState.route(address, services.node(), streamId);
    }

    ClientLink link() {
        return link;
    }

    String username() {
        return username;
    }

    /** Records the client's broadcast presence (RFC 6121 §4.2, §4.5) for routing. */
    public void updatePresence(Presence update) {
        Boolean initial = routeState.update(update);
        if (initial != null && address != null && !closing.get()) {
            services.routes().put(route());
            if (initial) {
                services.events().publish(new im.parley.api.event.SessionAvailable(this));
            }
        }
    }

    @Override
    public void send(String xml) {
        link.send(xml);
    }

    @Override
    public void authenticated(String user, String successXml) {
        username = user;
        state = State.HEADER;
        headerSent = false;
        // The parser must be fresh before the client can react to <success/> (RFC 6120 §6.4.6).
        link.connection().restartStream();
        link.connection().write(successXml);
    }

    @Override
    public InetAddress remoteIp() {
        return link.connection().remoteAddress().getAddress();
    }

    @Override
    public SSLSession sslSession() {
        return link.connection().sslSession();
    }

    @Override
    public void deliver(Packet stanza) {
        if (closing.get()) {
            return;
        }
        Packet out;
        try {
            out = services.interceptors().run(Phase.DELIVERY, stanza, this);
        } catch (StanzaException e) {
            out = null;
        }
        if (out != null) {
            for (Packet now : clientState.offer(out)) {
                services.metrics().stanzasOut.labelValues(now.getElement().getName()).inc();
                write(now);
            }
        }
    }

    /** Writes a stanza without DELIVERY interceptors: answers to the session's own negotiation requests. */
    public void reply(Packet stanza) {
        if (!closing.get()) {
            write(stanza);
        }
    }

    /** Writes a stanza; under stream management it is kept until the client acknowledges it. */
    private void write(Packet stanza) {
        link.write(stanza, StanzaXml.toClient(stanza), () -> close(new StreamError(
                StreamError.Condition.resource_constraint, "too many stanzas left unacknowledged", "en")));
    }

    @Override
    public void close(StreamError error) {
        if (link.detached()) {
            expire(); // nobody to tell: the session just ends
            return;
        }
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        services.metrics().streamErrors.labelValues(error.getCondition().toXMPP()).inc();
        LOG.info("Closing the stream of {}: {}{}", describe(), error.getCondition().toXMPP(),
                error.getText() == null ? "" : " (" + error.getText() + ")");
        String header = headerSent ? "" : StreamXml.header(domain == null ? services.server().domains().get(0) : domain,
                null, streamId, null);
        link.connection().writeAndClose(header + StreamXml.error(error) + StreamXml.CLOSE);
    }

    private String describe() {
        JID a = address;
        String who = a != null ? a.toString() : username != null ? username + "@" + domain : "unauthenticated client";
        return who + " from " + link.connection().remoteAddress().getAddress().getHostAddress();
    }

    @Override
    public JID address() {
        return address;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public boolean authenticated() {
        return username != null;
    }

    @Override
    public boolean available() {
        return routeState.available();
    }

    @Override
    public Presence presence() {
        return routeState.presence();
    }

    @Override
    public int priority() {
        return routeState.priority();
    }

    @Override
    public void flag(String flag, boolean on) {
        if (routeState.flag(flag, on) && address != null && !closing.get()) {
            services.routes().put(route());
        }
    }

    @Override
    public boolean flagged(String flag) {
        return routeState.flagged(flag);
    }

    @Override
    public boolean detached() {
        return link.detached();
    }

    @Override
    public boolean secure() {
        return link.connection().secure();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return link.connection().remoteAddress();
    }

    @Override
    public String transport() {
        return link.connection().transport();
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public Instant lastActivity() {
        return link.connection().lastRead();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(SessionKey<T> key) {
        return (T) attributes.get(key);
    }

    @Override
    public <T> void set(SessionKey<T> key, T value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public Kind kind() {
        return address != null ? Kind.CLIENT : Kind.UNAUTHENTICATED;
    }

    @Override
    public JID jid() {
        return address;
    }

    @Override
    public Optional<LocalSession> session() {
        return Optional.of(this);
    }

    StreamStage stage() {
        return username == null ? StreamStage.BEFORE_AUTH : StreamStage.AFTER_AUTH;
    }
}
