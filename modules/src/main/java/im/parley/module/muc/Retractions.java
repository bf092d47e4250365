package im.parley.module.muc;

import im.parley.api.StanzaException;
import im.parley.module.archive.ArchiveStore;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Retraction of one's own group chat messages (XEP-0424 §5) and moderation of anyone's by a
 * moderator (XEP-0425 §4), both by the id the room gave the message (its XEP-0359 stanza id).
 */
final class Retractions {
    static final String RETRACT = "urn:xmpp:message-retract:1";
    static final String MODERATE = "urn:xmpp:message-moderate:1";

    private final Muc muc;

    Retractions(Muc muc) {
        this.muc = muc;
    }

    /**
     * XEP-0424 §5: an occupant retracts only what it sent itself, as the room's occupant id tells.
     * Returns the retracted message, or null when the archive does not know it.
     */
    Message checkOwn(Room room, Occupant o, Element retract) throws StanzaException {
        Message original = archived(room, retract.attributeValue("id"));
        if (original == null) {
            return null; // unknown to the archive (or archiving is off): clients ignore retractions of what they never saw
        }
        Element id = original.getChildElement("occupant-id", MucXml.OCCUPANT_ID);
        if (id == null || !o.occupantId().equals(id.attributeValue("id"))) {
            throw MucXml.error(PacketError.Condition.forbidden, "only the sender retracts a message");
        }
        return original;
    }

    /** XEP-0424 §7: the archive keeps a tombstone in place of a retracted message. */
    void bury(Room room, String id, Message original, Element moderated, String reason) {
        Message tombstone = new Message();
        tombstone.getElement().setAttributes(original.getElement().attributes().stream()
                .map(a -> (org.dom4j.Attribute) a.clone()).toList());
        // What identifies the message stays (its ids and sender), its content goes.
        for (Element child : original.getElement().elements()) {
            if (child.getName().equals("stanza-id") || child.getName().equals("occupant-id") || child.getName().equals("origin-id")) {
                tombstone.getElement().add(child.createCopy());
            }
        }
        Element retracted = tombstone.addChildElement("retracted", RETRACT)
                .addAttribute("stamp", muc.ctx().server().clock().instant().toString());
        if (moderated != null) {
            retracted.add(moderated.createCopy()); // XEP-0425 §6: who moderated it
        }
        if (reason != null) {
            retracted.addElement("reason").setText(reason);
        }
        muc.archive().replace(room, id, tombstone);
    }

    /** XEP-0425 §4: a moderator removes a message; everyone gets the retraction with who moderated it. */
    IQ moderate(Room room, IQ iq) throws StanzaException {
        Occupant moderator = room.byDevice(iq.getFrom());
        if (moderator == null || moderator.role() != Role.MODERATOR) {
            throw MucXml.error(PacketError.Condition.forbidden, "only moderators moderate messages"); // §4
        }
        Element request = iq.getChildElement();
        String id = request.attributeValue("id");
        if (id == null || request.element(QName.get("retract", RETRACT)) == null) {
            throw MucXml.error(PacketError.Condition.bad_request, "<moderate/> needs an id and <retract/>");
        }
        Message original = archived(room, id);
        if (original == null) {
            throw MucXml.error(PacketError.Condition.item_not_found, "no message with that id in the room"); // §4
        }
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(room.jid());
        m.setID(java.util.UUID.randomUUID().toString());
        Element retract = m.addChildElement("retract", RETRACT).addAttribute("id", id);
        Element moderated = retract.addElement(QName.get("moderated", MODERATE))
                .addAttribute("by", MucXml.occupantJid(room, moderator.nick()).toString());
        moderated.addElement(QName.get("occupant-id", MucXml.OCCUPANT_ID)).addAttribute("id", moderator.occupantId());
        String reason = request.elementText("reason");
        if (reason != null) {
            retract.addElement("reason").setText(reason);
        }
        m.addChildElement("store", "urn:xmpp:hints");
        muc.archive().archive(room, moderator, m);
        RoomMessages.broadcast(room, m);
        bury(room, id, original, moderated, reason);
        return IQ.createResultIQ(iq);
    }

    private Message archived(Room room, String id) throws StanzaException {
        if (id == null || id.isEmpty()) {
            throw MucXml.error(PacketError.Condition.bad_request, "a retraction needs the message's id");
        }
        return muc.archive().find(room, id);
    }

    static boolean isRetraction(Message m) {
        return m.getChildElement("retract", RETRACT) != null;
    }

    static List<String> features() {
        return List.of(RETRACT, MODERATE);
    }
}
