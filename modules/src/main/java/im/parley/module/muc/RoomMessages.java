package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** Messages to a room or an occupant: group chat (§7.4), subject (§8.1), private messages (§7.5). */
final class RoomMessages {
    private final Muc muc;
    private final Invitations invitations;
    private final Retractions retractions;
    private final Mentions mentions;

    RoomMessages(Muc muc, Invitations invitations, Retractions retractions, Mentions mentions) {
        this.muc = muc;
        this.invitations = invitations;
        this.retractions = retractions;
        this.mentions = mentions;
    }

    void handle(Message m) throws StanzaException {
        JID to = m.getTo();
        if (m.getType() == Message.Type.error || to.getNode() == null) {
            return; // bounces of what the room sent, and messages to the service, need no answer
        }
        Room room = muc.rooms().find(to).orElseThrow(() -> MucXml.error(PacketError.Condition.item_not_found, "no such room"));
        synchronized (room) {
            if (room.destroyed()) {
                throw MucXml.error(PacketError.Condition.item_not_found, "no such room");
            }
            if (to.getResource() != null) {
                privateMessage(room, m);
            } else if (m.getType() == Message.Type.groupchat) {
                groupchat(room, m);
            } else {
                invitations.handle(room, m);
            }
        }
    }

    private void groupchat(Room room, Message m) throws StanzaException {
        Occupant o = room.byDevice(m.getFrom());
        if (o == null) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "join the room before sending to it"); // §7.4
        }
        Element subject = m.getElement().element("subject");
        if (subject != null && m.getBody() == null) {
            changeSubject(room, o, m, subject.getText());
            return;
        }
        if (!o.role().hasVoice()) {
            throw MucXml.error(PacketError.Condition.forbidden, "visitors may not speak in a moderated room"); // §7.4
        }
        Message retracted = null;
        if (Retractions.isRetraction(m)) {
            retracted = retractions.checkOwn(room, o, m.getChildElement("retract", Retractions.RETRACT));
        }
        Message shown = fromOccupant(room, o, m);
        muc.archive().archive(room, o, shown);
        if (retracted != null) {
            retractions.bury(room, m.getChildElement("retract", Retractions.RETRACT).attributeValue("id"), retracted, null, null);
        }
        mentions.notifyAbsent(room, o, shown);
        if (m.getBody() != null) {
            room.remember(new Room.HistoryEntry(shown, muc.ctx().server().clock().instant(), shown.toXML().length()),
                    muc.config().historySize());
        }
        broadcast(room, shown);
    }

    /** §8.1: moderators, and participants when the room allows it, change the subject. */
    private void changeSubject(Room room, Occupant o, Message m, String text) throws StanzaException {
        boolean allowed = o.role() == Role.MODERATOR || room.config().changeSubject() && o.role().hasVoice();
        if (!allowed) {
            throw MucXml.error(PacketError.Condition.forbidden, "you may not change the subject"); // §8.1
        }
        room.subject(text, o.nick());
        muc.rooms().persist(room, false);
        broadcast(room, fromOccupant(room, o, m));
    }

    /** A copy from the occupant JID, without ids the room vouches for unless it adds them itself (XEP-0359 §3.1, XEP-0421 §3). */
    static Message fromOccupant(Room room, Occupant o, Message m) {
        Message shown = m.createCopy();
        shown.setFrom(MucXml.occupantJid(room, o.nick()));
        shown.setTo((JID) null);
        for (Element e : List.copyOf(shown.getElement().elements())) {
            boolean roomSid = "stanza-id".equals(e.getName()) && MucXml.STANZA_ID.equals(e.getNamespaceURI())
                    && room.jid().toBareJID().equals(e.attributeValue("by"));
            if (roomSid || MucXml.OCCUPANT_ID.equals(e.getNamespaceURI())) {
                shown.getElement().remove(e);
            }
        }
        shown.addChildElement("occupant-id", MucXml.OCCUPANT_ID).addAttribute("id", o.occupantId());
        return shown;
    }

    /** A message to every device of every occupant, the sender's included (§7.4). */
    static void broadcast(Room room, Message shown) {
        List<Packet> out = new ArrayList<>(room.size());
        for (JID device : room.devices()) {
            Message copy = shown.createCopy();
            copy.setTo(device);
            out.add(copy);
        }
        room.outbox().sendAll(out);
    }

    /** §7.5: a private message to every device of one occupant, as the room allows. */
    private void privateMessage(Room room, Message m) throws StanzaException {
        Occupant o = room.byDevice(m.getFrom());
        if (o == null) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "join the room before messaging its occupants");
        }
        if (m.getType() == Message.Type.groupchat) {
            throw MucXml.error(PacketError.Condition.bad_request, "group chat goes to the room's address"); // §7.5
        }
        Occupant target = room.byNick(m.getTo().getResource());
        if (target == null) {
            throw MucXml.error(PacketError.Condition.item_not_found, "no occupant with that nick"); // §7.5
        }
        boolean allowed = switch (room.config().allowPm()) {
            case "anyone" -> true;
            case "participants" -> o.role().hasVoice();
            case "moderators" -> o.role() == Role.MODERATOR;
            default -> false;
        };
        if (!allowed) {
            throw MucXml.error(PacketError.Condition.forbidden, "private messages are not allowed here");
        }
        Message shown = fromOccupant(room, o, m);
        if (shown.getChildElement("x", MucXml.USER) == null) {
            shown.addChildElement("x", MucXml.USER); // §7.5: marks it as a private message from a room
        }
        List<Packet> out = new ArrayList<>();
        for (JID device : target.devices()) {
            Message copy = shown.createCopy();
            copy.setTo(device);
            out.add(copy);
        }
        room.outbox().sendAll(out);
    }
}
