package im.parley.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The XML a load client writes, built directly as strings so that no DOM is serialised on the hot path. */
final class Stanzas {
    static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    static final String REGISTER_NS = "jabber:iq:register";
    static final String PING_NS = "urn:xmpp:ping";
    static final String SM_NS = "urn:xmpp:sm:3";

    static final String STARTTLS = "<starttls xmlns='" + TLS_NS + "'/>";
    static final String BIND = "<iq type='set' id='b'><bind xmlns='" + BIND_NS + "'/></iq>";
    static final String PRESENCE = "<presence/>";
    /** XEP-0198 §3: enable stream management, asking to be able to resume as mobile clients do. */
    static final String SM_ENABLE = "<enable xmlns='" + SM_NS + "' resume='true'/>";
    /** XEP-0198 §4: ask the other side how many of our stanzas it has handled. */
    static final String SM_REQUEST = "<r xmlns='" + SM_NS + "'/>";
    static final String WHITESPACE = " ";
    static final String CLOSE = "</stream:stream>";
    static final String BODY_END = "</body></message>";

    private Stanzas() {
    }

    /** The initial stream header (RFC 6120 §4.7); also sent again after TLS and SASL. */
    static String header(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + escape(domain) + "' version='1.0' xmlns='jabber:client'"
                + " xmlns:stream='" + STREAMS_NS + "'>";
    }

    static String auth(String mechanism, byte[] initialResponse) {
        return "<auth xmlns='" + SASL_NS + "' mechanism='" + mechanism + "'>" + base64(initialResponse) + "</auth>";
    }

    static String response(byte[] data) {
        return "<response xmlns='" + SASL_NS + "'>" + base64(data) + "</response>";
    }

    /** XEP-0077 §3.1: registration with the two required fields. */
    static String register(String username, String password) {
        return "<iq type='set' id='r'><query xmlns='" + REGISTER_NS + "'><username>" + escape(username)
                + "</username><password>" + escape(password) + "</password></query></iq>";
    }

    /** Everything of a chat message to {@code to} up to its body text; the body and {@link #BODY_END} follow. */
    static String chatPrefix(String to) {
        return "<message to='" + escape(to) + "' type='chat'><body>";
    }

    /** XEP-0198 §4: how many stanzas we have handled, modulo 2^32. */
    static String smAnswer(long handled) {
        return "<a xmlns='" + SM_NS + "' h='" + handled + "'/>";
    }

    static String pong(String id, String to) {
        return "<iq type='result' id='" + escape(id) + "'" + (to == null ? "" : " to='" + escape(to) + "'") + "/>";
    }

    /** RFC 6120 §8.2.3: an IQ request nobody here handles still gets an answer. */
    static String unsupported(String id, String to) {
        return "<iq type='error' id='" + escape(id) + "'" + (to == null ? "" : " to='" + escape(to) + "'")
                + "><error type='cancel'><service-unavailable xmlns='" + STANZAS_NS + "'/></error></iq>";
    }

    /** RFC 6120 §6.4.2: an empty response is sent as '='. */
    static String base64(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }

    static byte[] unbase64(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() || "=".equals(t) ? new byte[0] : Base64.getDecoder().decode(t);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes text for an attribute value or element content, as the server's own writer does. */
    static String escape(String text) {
        return im.parley.core.stream.StreamXml.escape(text);
    }
}
