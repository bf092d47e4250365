package im.parley.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates between the session layer's stream text and RFC 7395 framing, where every WebSocket
 * message is one complete element: the stream header becomes {@code <open/>}, its end
 * {@code <close/>}, and the elements the session writes back to back are sent one per message, each
 * declaring the namespaces the stream element would have declared (RFC 7395 §3.3.3).
 */
final class WebSocketFraming {
    static final String NS = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String CLOSE = "<close xmlns=\"" + NS + "\"/>";
    private static final String STREAM_NS = "http://etherx.jabber.org/streams";
    private static final Pattern ROOT = Pattern.compile("^\\s*<(open|close)\\b([^>]*?)/?>\\s*(</\\1>\\s*)?$", Pattern.DOTALL);

    private WebSocketFraming() {
    }

    /** A client's frame: an open, a close, or something else (null). */
    record Framing(boolean open, Map<String, String> attributes) {
    }

    /** Whether a received message is the framing's open or close element (RFC 7395 §3.3.1, §3.6). */
    static Framing framing(String message) {
        Matcher m = ROOT.matcher(message);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> attributes = attributes(m.group(2));
        if (!NS.equals(attributes.get("xmlns"))) {
            return null;
        }
        return new Framing(m.group(1).equals("open"), attributes);
    }

    /** The stream header the decoder expects, for a client's open element. */
    static String streamHeader(Map<String, String> open) {
        StringBuilder header = new StringBuilder("<stream:stream xmlns='jabber:client' xmlns:stream='" + STREAM_NS + "'");
        for (String name : List.of("to", "from", "version", "xml:lang", "id")) {
            String value = open.get(name);
            if (value != null) {
                header.append(' ').append(name).append("=\"").append(value.replace("\"", "&quot;")).append('"');
            }
        }
        return header.append('>').toString();
    }

    /** The messages to send for text the session writes. */
    static List<String> frames(String xml) {
        List<String> frames = new ArrayList<>(2);
        int i = 0;
        int n = xml.length();
        while (i < n) {
            char c = xml.charAt(i);
            if (c != '<') {
                i++; // whitespace between elements (keepalives) has no frame of its own
            } else if (xml.startsWith("<?", i)) {
                i = xml.indexOf("?>", i) + 2;
            } else if (xml.startsWith("</stream:stream", i)) {
                frames.add(CLOSE);
                i = xml.indexOf('>', i) + 1;
            } else if (xml.startsWith("<stream:stream", i)) {
                int end = tagEnd(xml, i);
                frames.add(open(xml.substring(i, end)));
                i = end;
            } else {
                int end = elementEnd(xml, i);
                frames.add(declare(xml.substring(i, end)));
                i = end;
            }
        }
        return frames;
    }

    private static String open(String header) {
        Map<String, String> attributes = attributes(header.substring("<stream:stream".length(), header.length() - 1));
        StringBuilder open = new StringBuilder("<open xmlns=\"" + NS + "\"");
        for (String name : List.of("from", "to", "id", "version", "xml:lang")) {
            String value = attributes.get(name);
            if (value != null) {
                open.append(' ').append(name).append("=\"").append(value.replace("\"", "&quot;")).append('"');
            }
        }
        return open.append("/>").toString();
    }

    /** Adds the namespace declarations the stream element made for its children. */
    private static String declare(String element) {
        int nameEnd = nameEnd(element);
        String name = element.substring(1, nameEnd);
        String start = element.substring(0, tagEnd(element, 0));
        if (name.startsWith("stream:") && !start.contains("xmlns:stream=")) {
            return element.substring(0, nameEnd) + " xmlns:stream=\"" + STREAM_NS + "\"" + element.substring(nameEnd);
        }
        if ((name.equals("message") || name.equals("presence") || name.equals("iq")) && !start.matches("(?s).*\\sxmlns\\s*=.*")) {
            return element.substring(0, nameEnd) + " xmlns=\"jabber:client\"" + element.substring(nameEnd);
        }
        return element;
    }

    private static int nameEnd(String element) {
        int i = 1;
        while (i < element.length() && !Character.isWhitespace(element.charAt(i)) && element.charAt(i) != '>' && element.charAt(i) != '/') {
            i++;
        }
        return i;
    }

    /** The index after the '>' of the tag starting at {@code from}. */
    private static int tagEnd(String xml, int from) {
        int end = XmlTags.tagEnd(xml, from);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated tag in output");
        }
        return end;
    }

    /** The index after the element starting at {@code from}. */
    private static int elementEnd(String xml, int from) {
        int depth = 0;
        int i = from;
        while (i < xml.length()) {
            int lt = xml.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            if (xml.startsWith("<![CDATA[", lt)) {
                i = xml.indexOf("]]>", lt) + 3;
                continue;
            }
            if (xml.startsWith("<!--", lt)) {
                i = xml.indexOf("-->", lt) + 3;
                continue;
            }
            int end = tagEnd(xml, lt);
            if (xml.charAt(lt + 1) == '/') {
                depth--;
            } else if (xml.charAt(end - 2) != '/') {
                depth++;
            }
            i = end;
            if (depth == 0) {
                return end;
            }
        }
        throw new IllegalArgumentException("unterminated element in output");
    }

    private static Map<String, String> attributes(String text) {
        return XmlTags.attributes(text);
    }
}
