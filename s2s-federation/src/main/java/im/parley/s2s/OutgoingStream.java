package im.parley.s2s;

import im.parley.core.session.StanzaXml;
import im.parley.core.stream.StreamXml;
import im.parley.core.xml.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

/**
 * A stream we opened to another server for one domain pair (the initiating server): STARTTLS,
 * then SASL EXTERNAL when offered, else dialback; then our stanzas. It also carries dialback
 * verifications for the peer's domain, and with XEP-0288 the peer's stanzas back.
 */
final class OutgoingStream implements StreamHandler, StanzaSink {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingStream.class);

    private final S2sLink link;
    private final Federation federation;
    private final OutgoingRoute route;
    private final String local;
    private final String remote;
    private final String key;
    private final List<String> pendingVerifies = new ArrayList<>();
    private String streamId;
    private boolean featuresSeen;
    private boolean saslDone;
    private boolean bidi;
    private boolean ready;
    private boolean closed;

    OutgoingStream(S2sLink link, Federation federation, OutgoingRoute route) {
        this.link = link;
        this.federation = federation;
        this.route = route;
        this.local = route.local();
        this.remote = route.remote();
        this.key = federation.connections.newKey();
    }

    @Override
    public synchronized void onOpened() {
        if (!link.secure()) {
            link.write(S2sXml.header(local, remote, null));
        }
    }

    @Override
    public synchronized void onSecured() {
        link.restartStream();
        link.write(S2sXml.header(local, remote, null));
    }

    @Override
    public boolean ended() {
        return closed;
    }

    @Override
    public void onBadInput(StreamEvent.Failure failure) {
        fail(failure.condition(), failure.text(), true);
    }

    @Override
    public void onPeerClosed() {
        closed = true;
        link.writeAndClose(StreamXml.CLOSE);
    }

    @Override
    public void onOpen(StreamEvent.Open open) {
        if (!StreamXml.STREAMS_NS.equals(open.namespace()) || !S2sXml.SERVER_NS.equals(open.defaultNamespace())) {
            fail(StreamError.Condition.invalid_namespace, "expected a jabber:server stream", true);
            return;
        }
        streamId = open.attribute("id");
        featuresSeen = false;
        if (!"1.0".equals(open.attribute("version"))) {
            if (federation.config.requireEncryption()) {
                fail(StreamError.Condition.unsupported_version, "the peer cannot do TLS (no version 1.0)", true);
            } else {
                featuresSeen = true;
                dialback();
            }
        }
    }

    @Override
    public void onChild(Element e) {
        if (S2sXml.is(e, StreamXml.STREAMS_NS, "features")) {
            onFeatures(e);
        } else if (S2sXml.is(e, StreamXml.STREAMS_NS, "error")) {
            String condition = e.elements().isEmpty() ? "undefined" : e.elements().get(0).getName();
            route.failed(this, PacketError.Condition.remote_server_not_found, remote + " ended the stream: " + condition);
            LOG.info("Server {} ended our stream from {}: {}", remote, local, condition);
            closed = true;
            link.writeAndClose(StreamXml.CLOSE);
        } else if (S2sXml.is(e, IncomingStream.TLS_NS, "failure")) {
            fail(null, remote + " refused TLS", false);
        } else if (S2sXml.is(e, IncomingStream.SASL_NS, "success")) {
            saslDone = true;
            link.restartStream();
            link.write(S2sXml.header(local, remote, null));
        } else if (S2sXml.is(e, IncomingStream.SASL_NS, "failure")) {
            // The certificate did not convince the peer; dialback may (XEP-0178 §3.3).
            dialback();
        } else if (S2sXml.is(e, S2sXml.DIALBACK_NS, "result")) {
            onDialbackResult(e);
        } else if (S2sXml.is(e, S2sXml.DIALBACK_NS, "verify")) {
            route.verified(e.attributeValue("id"), "valid".equals(e.attributeValue("type")));
        } else {
            Optional<Packet> stanza = S2sXml.stanza(e, S2sXml.SERVER_NS);
            if (stanza.isPresent() && bidi && ready) {
                onBidiStanza(stanza.get());
            } else {
                fail(StreamError.Condition.unsupported_stanza_type, "unexpected <" + e.getName() + "/>", true);
            }
        }
    }

    private void onFeatures(Element features) {
        if (!link.secure()) {
            if (features.element("starttls") != null) {
                link.expectTls(true);
                link.write("<starttls xmlns='" + IncomingStream.TLS_NS + "'/>");
                return;
            }
            if (federation.config.requireEncryption()) {
                fail(StreamError.Condition.policy_violation, remote + " does not offer TLS, which this server requires", true);
                return;
            }
        }
        featuresSeen = true;
        pendingVerifies.forEach(link::write);
        pendingVerifies.clear();
        if (saslDone) {
            authenticated("sasl-external");
            return;
        }
        if (federation.config.bidi() && features.element(new org.dom4j.QName("bidi",
                org.dom4j.Namespace.get(S2sXml.BIDI_FEATURE_NS))) != null) {
            link.write("<bidi xmlns='" + S2sXml.BIDI_NS + "'/>");
            bidi = true;
        }
        Element mechanisms = features.element("mechanisms");
        boolean external = mechanisms != null && mechanisms.elements("mechanism").stream()
                .anyMatch(m -> "EXTERNAL".equals(m.getTextTrim()));
        if (external && link.secure()) {
            String authzid = Base64.getEncoder().encodeToString(local.getBytes(StandardCharsets.UTF_8));
            link.write("<auth xmlns='" + IncomingStream.SASL_NS + "' mechanism='EXTERNAL'>" + authzid + "</auth>");
        } else {
            dialback();
        }
    }

    /** XEP-0220 §2.1.1: our key for this stream, which the peer checks with our authoritative server. */
    private void dialback() {
        if (streamId == null) {
            fail(StreamError.Condition.invalid_id, remote + " sent no stream id", true);
            return;
        }
        link.write(S2sXml.dialback("result", local, remote, null, null, federation.keys.key(remote, local, streamId)));
    }

    private void onDialbackResult(Element e) {
        if ("valid".equals(e.attributeValue("type"))) {
            authenticated("dialback");
        } else {
            fail(null, remote + " did not accept our dialback (" + e.attributeValue("type") + ")", false);
        }
    }

    private void authenticated(String method) {
        ready = true;
        federation.connections.put(key, new Connections.Row(federation.ctx.cluster().localNode(), "out", local, remote,
                String.valueOf(link.remoteAddress()), method, link.secure(), bidi, Instant.now()));
        LOG.info("Connected to server {} for {} ({}{})", remote, local, method, bidi ? ", bidirectional" : "");
        route.ready(this);
    }

    /** A dialback verification to send once the stream can carry it (after TLS, XEP-0220 §2.2). */
    synchronized void verify(String id, String dialbackKey) {
        String xml = S2sXml.dialback("verify", local, remote, id, null, dialbackKey);
        if (featuresSeen && !closed) {
            link.write(xml);
        } else {
            pendingVerifies.add(xml);
        }
    }

    private void onBidiStanza(Packet stanza) {
        JID from = stanza.getFrom();
        JID to = stanza.getTo();
        if (from == null || to == null || !from.getDomain().equalsIgnoreCase(remote) || !to.getDomain().equalsIgnoreCase(local)) {
            fail(StreamError.Condition.invalid_from, "only " + remote + " may send to " + local + " on this stream", true);
            return;
        }
        federation.receive(stanza, remote);
    }

    /** Not synchronized: writes keep their order in the connection's queue, and routes call this under their own lock. */
    @Override
    public void send(Packet stanza) {
        link.write(StanzaXml.toServer(stanza));
        federation.sent();
    }

    /** Ends the stream: with a stream error of ours when given, and tells the route why. */
    private void fail(StreamError.Condition condition, String text, boolean ours) {
        closed = true;
        LOG.info("Stream to server {} for {} failed: {}", remote, local, text);
        if (condition != null && ours) {
            federation.countRefusal(condition.toXMPP());
            link.writeAndClose(S2sXml.error(condition, text));
        } else {
            link.writeAndClose(StreamXml.CLOSE);
        }
        route.failed(this, PacketError.Condition.remote_server_not_found, text);
    }

    /** Gives up a stream that took too long to set up. */
    synchronized void abandon(String text) {
        if (!closed) {
            closed = true;
            LOG.info("Stream to server {} for {} abandoned: {}", remote, local, text);
            federation.countRefusal(StreamError.Condition.connection_timeout.toXMPP());
            link.writeAndClose(S2sXml.error(StreamError.Condition.connection_timeout, text));
        }
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
        synchronized (this) {
            closed = true;
        }
        federation.connections.remove(key);
        route.closed(this);
    }
}
