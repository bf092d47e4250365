package im.parley.api;

import org.xmpp.packet.PacketError;

/** Thrown by handlers to answer a stanza with a standard stanza error (RFC 6120 §8.3). */
public class StanzaException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PacketError.Condition condition;
    private final String text;

    public StanzaException(PacketError.Condition condition) {
        this(condition, null);
    }

    public StanzaException(PacketError.Condition condition, String text) {
        super(text == null ? condition.toXMPP() : condition.toXMPP() + ": " + text, null, false, false);
        this.condition = condition;
        this.text = text;
    }

    public PacketError.Condition condition() {
        return condition;
    }

    /** Human-readable text for the error, or null. */
    public String text() {
        return text;
    }

    /**
     * The policy-violation error of RFC 6120 §8.3.3.12 (type modify), which Tinder's condition
     * list predates: for stanzas refused because the sender broke a server policy such as a rate.
     */
    public static StanzaException policyViolation(String text) {
        return new Rfc6120Condition("policy-violation", "modify", text);
    }

    /** The error element to put in the reply. */
    public PacketError toPacketError() {
        PacketError error = new PacketError(condition);
        if (text != null) {
            error.setText(text, "en");
        }
        return error;
    }

    /** A stanza error condition missing from Tinder's list, written out by name. */
    private static final class Rfc6120Condition extends StanzaException {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String type;

        Rfc6120Condition(String name, String type, String text) {
            super(PacketError.Condition.undefined_condition, text);
            this.name = name;
            this.type = type;
        }

        @Override
        public PacketError toPacketError() {
            String ns = "urn:ietf:params:xml:ns:xmpp-stanzas";
            org.dom4j.Element error = org.dom4j.DocumentHelper.createElement("error");
            error.addAttribute("type", type);
            error.addElement(org.dom4j.QName.get(name, ns));
            if (text() != null) {
                org.dom4j.Element t = error.addElement(org.dom4j.QName.get("text", ns));
                t.addAttribute(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), "en");
                t.setText(text());
            }
            return new PacketError(error);
        }
    }
}
