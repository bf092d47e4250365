package im.parley.module.blocking;

import im.parley.api.StanzaException;
import org.xmpp.packet.PacketError;

/**
 * The refusal of a stanza a user sends to an address they block: not-acceptable with the
 * application condition {@code <blocked xmlns='urn:xmpp:blocking:errors'/>} (XEP-0191 §3.3).
 */
final class BlockedException extends StanzaException {
    static final String ERRORS_NS = "urn:xmpp:blocking:errors";
    private static final long serialVersionUID = 1L;

    BlockedException() {
        super(PacketError.Condition.not_acceptable, "you block this address; unblock it to communicate");
    }

    /** The core builds error replies from this, so the application condition travels with it. */
    @Override
    public PacketError toPacketError() {
        PacketError error = new PacketError(PacketError.Condition.not_acceptable, PacketError.Type.cancel);
        // RFC 6120 §8.3.2 orders the children: condition, text, then the application condition.
        error.setText(text(), "en");
        error.setApplicationCondition("blocked", ERRORS_NS);
        return error;
    }
}
