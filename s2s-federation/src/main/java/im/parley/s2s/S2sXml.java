package im.parley.s2s;

import im.parley.core.stream.StreamXml;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/** The XML of server and component streams that the client side does not use. */
final class S2sXml {
    static final String SERVER_NS = "jabber:server";
    static final String DIALBACK_NS = "jabber:server:dialback";
    static final String DIALBACK_FEATURE_NS = "urn:xmpp:features:dialback";
    static final String BIDI_FEATURE_NS = "urn:xmpp:features:bidi";
    static final String BIDI_NS = "urn:xmpp:bidi";

    private S2sXml() {
    }

    /** An opening tag for a server stream (RFC 6120 §4.7), declaring the dialback namespace (XEP-0220). */
    static String header(String from, String to, String id) {
        StringBuilder b = new StringBuilder("<?xml version='1.0'?><stream:stream xmlns='").append(SERVER_NS)
                .append("' xmlns:stream='").append(StreamXml.STREAMS_NS).append("' xmlns:db='").append(DIALBACK_NS).append('\'');
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "id", id);
        return b.append(" version='1.0'>").toString();
    }

    static void attribute(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append("='").append(StreamXml.escape(value)).append('\'');
        }
    }

    static String error(StreamError.Condition condition, String text) {
        return StreamXml.error(new StreamError(condition, text, "en")) + StreamXml.CLOSE;
    }

    /** A dialback element: {@code <db:result/>} or {@code <db:verify/>} with a type or a key. */
    static String dialback(String name, String from, String to, String id, String type, String key) {
        StringBuilder b = new StringBuilder("<db:").append(name);
        attribute(b, "from", from);
        attribute(b, "to", to);
        attribute(b, "id", id);
        attribute(b, "type", type);
        if (key == null) {
            return b.append("/>").toString();
        }
        return b.append('>').append(StreamXml.escape(key)).append("</db:").append(name).append('>').toString();
    }

    /** The element as a stanza, if it is one of the three kinds in the stream's content namespace. */
    static Optional<Packet> stanza(Element element, String namespace) {
        if (!namespace.equals(element.getNamespaceURI())) {
            return Optional.empty();
        }
        return switch (element.getName()) {
            case "message" -> Optional.of(new Message(element, true));
            case "presence" -> Optional.of(new Presence(element, true));
            case "iq" -> Optional.of(new IQ(element, true));
            default -> Optional.empty();
        };
    }

    /**
     * The features offered on an incoming server stream: STARTTLS until it is encrypted; then
     * SASL EXTERNAL when the peer's certificate proves its domain, dialback (with error support,
     * XEP-0220 §2.4) and bidirectional streams (XEP-0288).
     */
    static String features(boolean offerTls, boolean tlsRequired, boolean negotiate, boolean external, boolean bidi) {
        StringBuilder f = new StringBuilder("<stream:features>");
        if (offerTls) {
            f.append("<starttls xmlns='").append(IncomingStream.TLS_NS).append("'>").append(tlsRequired ? "<required/>" : "")
                    .append("</starttls>");
        }
        if (negotiate) {
            if (external) {
                f.append("<mechanisms xmlns='").append(IncomingStream.SASL_NS).append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
            }
            f.append("<dialback xmlns='").append(DIALBACK_FEATURE_NS).append("'><errors/></dialback>");
            if (bidi) {
                f.append("<bidi xmlns='").append(BIDI_FEATURE_NS).append("'/>");
            }
        }
        return f.append("</stream:features>").toString();
    }

    /** The authorization identity of a SASL EXTERNAL request: empty for none ("="), or a value that can match no domain if malformed. */
    static String authzid(String text) {
        if (text.isEmpty() || "=".equals(text)) {
            return "";
        }
        try {
            return new String(java.util.Base64.getDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\u0000invalid";
        }
    }

    static boolean is(Element e, String namespace, String name) {
        return namespace.equals(e.getNamespaceURI()) && name.equals(e.getName());
    }
}
