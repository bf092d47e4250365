package im.parley.core.stream;

import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.StreamError;

/** The few pieces of stream-level XML the server writes as text. */
public final class StreamXml {
    public static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    public static final String CLIENT_NS = "jabber:client";
    public static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION_NS = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String CLOSE = "</stream:stream>";

    private StreamXml() {
    }

    /**
     * The response stream header (RFC 6120 §4.7).
     *
     * @param to the client's 'from', echoed as 'to' when it gave one
     */
    public static String header(String from, String to, String id, String lang) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version='1.0'?><stream:stream xmlns='").append(CLIENT_NS)
                .append("' xmlns:stream='").append(STREAMS_NS).append("' id='").append(escape(id))
                .append("' from='").append(escape(from)).append('\'');
        if (to != null) {
            sb.append(" to='").append(escape(to)).append('\'');
        }
        sb.append(" version='1.0' xml:lang='").append(lang == null ? "en" : escape(lang)).append("'>");
        return sb.toString();
    }

    public static String error(StreamError error) {
        return error.toXML();
    }

    public static String features(List<Element> features) {
        StringBuilder sb = new StringBuilder("<stream:features>");
        for (Element f : features) {
            sb.append(f.asXML());
        }
        return sb.append("</stream:features>").toString();
    }

    /** Escapes text for an attribute value or element content. */
    public static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
