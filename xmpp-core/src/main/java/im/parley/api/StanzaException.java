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

    /** The error element to put in the reply. */
    public PacketError toPacketError() {
        PacketError error = new PacketError(condition);
        if (text != null) {
            error.setText(text, "en");
        }
        return error;
    }
}
