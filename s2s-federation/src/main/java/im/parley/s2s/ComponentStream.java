package im.parley.s2s;

import im.parley.core.stream.StreamXml;
import im.parley.core.xml.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * One external component's stream (XEP-0114): it names its domain, proves the shared secret with
 * a handshake, then sends stanzas from that domain and gets those addressed to it.
 */
final class ComponentStream implements StreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentStream.class);
    static final String NS = "jabber:component:accept";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S2sLink link;
    private final ExternalComponents components;
    private String domain;
    private String streamId;
    private boolean authenticated;
    private boolean closed;

    ComponentStream(S2sLink link, ExternalComponents components) {
        this.link = link;
        this.components = components;
    }

    String domain() {
        return domain;
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
        String to = open.attribute("to");
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        streamId = HexFormat.of().formatHex(id);
        link.write("<?xml version='1.0'?><stream:stream xmlns='" + NS + "' xmlns:stream='" + StreamXml.STREAMS_NS
                + "' id='" + streamId + "'" + (to == null ? "" : " from='" + StreamXml.escape(to) + "'") + ">");
        if (!StreamXml.STREAMS_NS.equals(open.namespace()) || !NS.equals(open.defaultNamespace())) {
            refuse(StreamError.Condition.invalid_namespace, "expected a jabber:component:accept stream");
        } else if (to == null || components.secret(to).isEmpty()) {
            refuse(StreamError.Condition.host_unknown, (to == null ? "no domain" : to) + " is not a configured component");
        } else {
            domain = to.toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public void onChild(Element e) {
        if (!authenticated) {
            if (domain != null && "handshake".equals(e.getName()) && NS.equals(e.getNamespaceURI())) {
                onHandshake(e.getTextTrim());
            } else {
                refuse(StreamError.Condition.not_authorized, "the handshake comes first (XEP-0114 §3)");
            }
            return;
        }
        Optional<Packet> stanza = S2sXml.stanza(e, NS);
        if (stanza.isEmpty()) {
            refuse(StreamError.Condition.unsupported_stanza_type, "unexpected <" + e.getName() + "/>");
            return;
        }
        JID from = stanza.get().getFrom();
        if (from == null || !from.getDomain().equalsIgnoreCase(domain)) {
            refuse(StreamError.Condition.invalid_from, "a component sends only from " + domain);
            return;
        }
        if (stanza.get().getTo() == null) {
            refuse(StreamError.Condition.improper_addressing, "stanzas need a 'to'");
            return;
        }
        components.receive(stanza.get(), domain);
    }

    private void onHandshake(String digest) {
        String expected = sha1Hex(streamId + components.secret(domain).orElseThrow());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), digest.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            refuse(StreamError.Condition.not_authorized, "wrong secret for " + domain);
            return;
        }
        if (!components.connected(domain, this)) {
            refuse(StreamError.Condition.conflict, domain + " is already connected");
            return;
        }
        authenticated = true;
        link.write("<handshake/>");
        LOG.info("Component {} connected from {}", domain, link.remoteAddress());
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a stanza for the component; safe from any thread (the connection keeps the order of writes). */
    void deliver(String xml) {
        link.write(xml);
    }

    private void refuse(StreamError.Condition condition, String text) {
        LOG.info("Ending the stream of component {} at {}: {} ({})", domain == null ? "?" : domain, link.remoteAddress(),
                condition.toXMPP(), text);
        closed = true;
        link.writeAndClose(S2sXml.error(condition, text));
    }

    @Override
    public void onIdle() {
        // Components keep their stream open while idle; TCP keepalive finds dead ones.
    }

    @Override
    public void onClosed() {
        synchronized (this) {
            closed = true;
        }
        if (authenticated) {
            components.disconnected(domain, this);
            LOG.info("Component {} disconnected", domain);
        }
    }
}
