package im.parley.api;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Builds error replies to stanzas (RFC 6120 §8.3). */
public final class StanzaErrors {
    /** Payloads larger than this are not echoed in error replies (RFC 6120 §8.3.1 makes echoing optional). */
    static final int MAX_ECHOED_PAYLOAD = 8192;

    private StanzaErrors() {
    }

    /** Whether a stanza is itself an error, which must never be answered with another error. */
    public static boolean isError(Packet stanza) {
        return "error".equals(stanza.getElement().attributeValue("type"));
    }

    /**
     * The error reply to a stanza: addressed back to its sender, from its recipient, carrying the
     * original payload (RFC 6120 §8.3.1).
     */
    public static Packet reply(Packet stanza, PacketError error) {
        Packet reply;
        if (stanza instanceof IQ iq) {
            IQ r = IQ.createResultIQ(iq);
            Element child = iq.getChildElement();
            if (child != null && child.asXML().length() <= MAX_ECHOED_PAYLOAD) {
                r.setChildElement(child.createCopy());
            }
            reply = r;
        } else {
            reply = stanza.createCopy();
            reply.setTo(stanza.getFrom());
            reply.setFrom(stanza.getTo());
            // A presence's payload (caps, status, avatar hash) echoed back would look like the
            // answering address's own, and clients cache caps by address; so it is left out.
            if (stanza instanceof Presence || reply.getElement().asXML().length() > MAX_ECHOED_PAYLOAD) {
                // A huge payload goes back only as its id; the sender knows what it sent.
                for (Element child : reply.getElement().elements()) {
                    reply.getElement().remove(child);
                }
            }
        }
        if (reply instanceof IQ r) {
            r.setType(IQ.Type.error);
        } else if (reply instanceof Message m) {
            m.setType(Message.Type.error);
        } else if (reply instanceof Presence p) {
            p.setType(Presence.Type.error);
        }
        reply.setError(error);
        return reply;
    }

    public static Packet reply(Packet stanza, PacketError.Condition condition) {
        return reply(stanza, new PacketError(condition));
    }

    public static Packet reply(Packet stanza, StanzaException e) {
        return reply(stanza, e.toPacketError());
    }
}
