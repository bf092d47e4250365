package im.parley.core.routing;

import im.parley.api.StanzaErrors;
import im.parley.api.StanzaException;
import im.parley.api.routing.Router;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** Sends error replies back to senders, never answering an error with an error. */
final class Bounces {
    private final Router router;

    Bounces(Router router) {
        this.router = router;
    }

    void bounce(Packet stanza, PacketError.Condition condition) {
        bounce(stanza, new PacketError(condition));
    }

    void bounce(Packet stanza, StanzaException e) {
        bounce(stanza, e.toPacketError());
    }

    void bounce(Packet stanza, PacketError error) {
        if (StanzaErrors.isError(stanza) || stanza.getFrom() == null) {
            return;
        }
        Packet reply = StanzaErrors.reply(stanza, error);
        if (stanza.getTo() == null) {
            // A stanza without 'to' was handled for the sender's own account, which answers it.
            reply.setFrom(stanza.getFrom().asBareJID());
        }
        router.route(reply);
    }
}
