package im.parley.s2s;

import im.parley.api.Scheduler;
import im.parley.core.stream.StreamXml;
import im.parley.core.xml.StreamEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * A stream another server opened to us (the receiving server, RFC 6120 §13): TLS, then SASL
 * EXTERNAL or dialback for each domain pair; then stanzas from the authenticated domains. With
 * XEP-0288 it carries our stanzas back to the peer as well.
 */
final class IncomingStream implements StreamHandler, StanzaSink {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";

    private final S2sLink link;
    private final Federation federation;
    private final OutgoingRoutes routes;
    private final String key;
    private final DomainPairs pairs = new DomainPairs();
    private final Scheduler.Task negotiationTimeout;
    private String streamId;
    private String peer;
    private String local;
    private boolean headerSent;
    private boolean saslDone;
    private boolean bidiRequested;
    private int saslFailures;
    private volatile boolean closed;

    IncomingStream(S2sLink link, Federation federation, OutgoingRoutes routes) {
        this.link = link;
        this.federation = federation;
        this.routes = routes;
        this.key = federation.connections.newKey();
        // A stream that never gets authenticated must not hold a connection for ever.
        this.negotiationTimeout = federation.ctx.scheduler().schedule(federation.config.connectTimeout(), this::negotiationExpired);
    }

    private synchronized void negotiationExpired() {
        if (pairs.isEmpty() && !closed) {
            refuse(StreamError.Condition.connection_timeout, "authentication did not complete in time");
        }
    }

    @Override
    public boolean ended() {
        return closed;
    }

    @Override
    public void onBadInput(StreamEvent.Failure failure) {
        refuse(failure.condition(), failure.text());
    }

    @Override
    public void onPeerClosed() {
        closed = true;
        link.writeAndClose(StreamXml.CLOSE);
    }

    @Override
    public void onOpen(StreamEvent.Open open) {
        if (!StreamXml.STREAMS_NS.equals(open.namespace()) || !"stream".equals(open.name())
                || !S2sXml.SERVER_NS.equals(open.defaultNamespace())) {
            refuse(StreamError.Condition.invalid_namespace, "expected a jabber:server stream");
            return;
        }
        String to = open.attribute("to");
        String from = open.attribute("from");
        if (to == null || !federation.ctx.hostsDomain(to)) {
            refuse(StreamError.Condition.host_unknown, to == null ? "the stream has no 'to'" : to + " is not served here");
            return;
        }
        if (local != null && !local.equalsIgnoreCase(to)) {
            refuse(StreamError.Condition.host_unknown, "a restarted stream must name the same domain");
            return;
        }
        if (federation.blocked(from)) {
            refuse(StreamError.Condition.policy_violation, "this server does not federate with " + from);
            return;
        }
        local = to;
        peer = from == null ? peer : from;
        streamId = HexFormat.of().formatHex(randomBytes());
        link.write(S2sXml.header(local, peer, streamId));
        headerSent = true;
        if (!"1.0".equals(open.attribute("version"))) {
            // A pre-1.0 peer gets no features and cannot do TLS (RFC 6120 §4.7.5).
            if (federation.config.requireEncryption()) {
                refuse(StreamError.Condition.unsupported_version, "this server requires TLS, which needs version 1.0 streams");
            }
            return;
        }
        link.write(features());
        saslStreamRestarted();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private String features() {
        boolean offerTls = !link.secure();
        if (offerTls) {
            link.expectTls(true);
        }
        boolean negotiate = link.secure() || !federation.config.requireEncryption();
        boolean external = negotiate && !saslDone && peer != null && federation.certificates.proves(link.peerCertificates(), peer);
        return S2sXml.features(offerTls, federation.config.requireEncryption(), negotiate, external, federation.config.bidi());
    }

    @Override
    public void onChild(Element e) {
        if (!link.secure() && federation.config.requireEncryption() && !S2sXml.is(e, TLS_NS, "starttls")) {
            refuse(StreamError.Condition.policy_violation, "TLS is required before anything else");
            return;
        }
        String ns = e.getNamespaceURI();
        if (S2sXml.is(e, TLS_NS, "starttls")) {
            // The codec switched to TLS if it was offered; otherwise it is too late for it (RFC 6120 §5.4.2.2).
            link.writeAndClose("<failure xmlns='" + TLS_NS + "'/>" + StreamXml.CLOSE);
            closed = true;
        } else if (S2sXml.is(e, SASL_NS, "auth")) {
            onAuth(e);
        } else if (S2sXml.is(e, StreamXml.STREAMS_NS, "error")) {
            LOG.info("Server {} ended its stream from {}: {}", peer, link.remoteAddress(), e.elements().isEmpty() ? "?"
                    : e.elements().get(0).getName());
            link.writeAndClose(StreamXml.CLOSE);
            closed = true;
        } else if (S2sXml.is(e, S2sXml.BIDI_NS, "bidi")) {
            bidiRequested = federation.config.bidi();
        } else if (S2sXml.is(e, S2sXml.DIALBACK_NS, "result")) {
            onDialbackResult(e);
        } else if (S2sXml.is(e, S2sXml.DIALBACK_NS, "verify")) {
            onDialbackVerify(e);
        } else {
            Optional<Packet> stanza = S2sXml.stanza(e, S2sXml.SERVER_NS);
            if (stanza.isPresent()) {
                onStanza(stanza.get());
            } else {
                refuse(StreamError.Condition.unsupported_stanza_type, "unexpected <" + e.getName() + "/> in " + ns);
            }
        }
    }

    /** SASL EXTERNAL: the peer's certificate proves the domain in its stream header (XEP-0178 §3). */
    private void onAuth(Element auth) {
        String authzid = S2sXml.authzid(auth.getTextTrim());
        boolean ok = "EXTERNAL".equals(auth.attributeValue("mechanism")) && !saslDone && peer != null && link.secure()
                && (authzid.isEmpty() || authzid.equalsIgnoreCase(peer))
                && federation.certificates.proves(link.peerCertificates(), peer);
        if (!ok) {
            saslFailures++;
            link.write("<failure xmlns='" + SASL_NS + "'><not-authorized/></failure>");
            if (saslFailures >= 2) {
                refuse(StreamError.Condition.not_authorized, "certificate authentication failed");
            }
            return;
        }
        saslDone = true;
        // The parser starts afresh before the peer can answer the success with its new stream header:
        // restarting after the write could discard a header that already arrived (RFC 6120 §6.4.6).
        link.restartStream();
        link.write("<success xmlns='" + SASL_NS + "'/>");
        // The pair counts once the peer opens its new stream: nothing may follow <success/> on the old one.
    }

    /** After SASL success: the peer's restarted stream is up, so the pair may carry stanzas (both ways with bidi). */
    private void saslStreamRestarted() {
        if (saslDone && !pairs.contains(peer, local)) {
            authenticated(peer, local, "sasl-external");
        }
    }

    /** Dialback request from the originating server (XEP-0220 §2.1.2). */
    private void onDialbackResult(Element e) {
        String from = e.attributeValue("from");
        String to = e.attributeValue("to");
        String dbKey = e.getTextTrim();
        if (from == null || to == null || dbKey.isEmpty()) {
            refuse(StreamError.Condition.improper_addressing, "dialback needs 'from', 'to' and a key");
            return;
        }
        if (!federation.ctx.hostsDomain(to)) {
            refuse(StreamError.Condition.host_unknown, to + " is not served here");
            return;
        }
        if (federation.blocked(from)) {
            refuse(StreamError.Condition.policy_violation, "this server does not federate with " + from);
            return;
        }
        boolean proven = link.secure() && federation.certificates.proves(link.peerCertificates(), from);
        if (proven) {
            // XEP-0344: a certificate that proves the domain needs no call back.
            dialbackAnswered(from, to, true);
            return;
        }
        if (federation.certificateRequired(from)) {
            refuse(StreamError.Condition.not_authorized, from + " must authenticate with a valid certificate");
            return;
        }
        String id = streamId;
        // Answered on another thread: the verification completes under the lock of the stream that carried it.
        routes.verify(to, from, id, dbKey).whenCompleteAsync((valid, failure) -> answerLater(from, to, valid != null && valid),
                federation.setup);
    }

    private synchronized void answerLater(String from, String to, boolean valid) {
        if (!closed) {
            dialbackAnswered(from, to, valid);
        }
    }

    private void dialbackAnswered(String from, String to, boolean valid) {
        link.write(S2sXml.dialback("result", to, from, null, valid ? "valid" : "invalid", null));
        if (valid) {
            authenticated(from, to, "dialback");
        } else {
            refuse(StreamError.Condition.not_authorized, "dialback for " + from + " failed");
        }
    }

    /** An authoritative-server check (XEP-0220 §2.2): is this key ours for the stream it names? */
    private void onDialbackVerify(Element e) {
        String from = e.attributeValue("from");
        String to = e.attributeValue("to");
        String id = e.attributeValue("id");
        if (from == null || to == null || id == null) {
            refuse(StreamError.Condition.improper_addressing, "dialback verification needs 'from', 'to' and 'id'");
            return;
        }
        boolean valid = federation.ctx.hostsDomain(to) && federation.keys.valid(e.getTextTrim(), from, to, id);
        link.write(S2sXml.dialback("verify", to, from, id, valid ? "valid" : "invalid", null));
    }

    private void authenticated(String remote, String localDomain, String method) {
        pairs.add(remote, localDomain);
        negotiationTimeout.cancel();
        federation.connections.put(key, new Connections.Row(federation.ctx.cluster().localNode(), "in", localDomain, remote,
                String.valueOf(link.remoteAddress()), method, link.secure(), bidiRequested, Instant.now()));
        if (bidiRequested) {
            routes.attach(localDomain, remote, this);
        }
        LOG.info("Server {} authenticated for {} by {} on an incoming stream from {}", remote, localDomain, method,
                link.remoteAddress());
    }

    private void onStanza(Packet stanza) {
        Optional<DomainPairs.Refusal> refusal = pairs.check(stanza.getFrom(), stanza.getTo());
        if (refusal.isPresent()) {
            refuse(refusal.get().condition(), refusal.get().text());
            return;
        }
        federation.receive(stanza, stanza.getFrom().getDomain());
    }

    /** Not synchronized: writes keep their order in the connection's queue, and routes call this under their own lock. */
    @Override
    public void send(Packet stanza) {
        link.write(im.parley.core.session.StanzaXml.toServer(stanza));
        federation.sent();
    }

    private void refuse(StreamError.Condition condition, String text) {
        federation.countRefusal(condition.toXMPP());
        LOG.info("Ending the stream from server {} at {}: {} ({})", peer == null ? "?" : peer, link.remoteAddress(),
                condition.toXMPP(), text);
        String error = S2sXml.error(condition, text);
        // RFC 6120 §4.9.1.2: an error before our header still goes out inside a stream.
        link.writeAndClose(headerSent ? error : S2sXml.header(local, peer, "error") + error);
        closed = true;
    }

    @Override
    public synchronized void onIdle() {
        if (!closed) {
            closed = true;
            link.writeAndClose(StreamXml.CLOSE);
        }
    }

    @Override
    public void onClosed() {
        closed = true;
        negotiationTimeout.cancel();
        federation.connections.remove(key);
        routes.detach(this);
    }
}
