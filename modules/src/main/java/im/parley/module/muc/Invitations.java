package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/** Non-groupchat messages to a room: mediated invitations and declines (§7.8.2), voice requests and their approval (§7.13, §8.6). */
final class Invitations {
    private final Muc muc;
    private final Moderation moderation;

    Invitations(Muc muc, Moderation moderation) {
        this.muc = muc;
        this.moderation = moderation;
    }

    void handle(Room room, Message m) throws StanzaException {
        Element x = m.getChildElement("x", MucXml.USER);
        if (x != null && (x.element("invite") != null || x.element("decline") != null)) {
            for (Element invite : x.elements("invite")) {
                invite(room, m, invite, x);
            }
            for (Element decline : x.elements("decline")) {
                decline(room, m, decline);
            }
            return;
        }
        Element form = m.getChildElement("x", MucXml.DATA);
        if (form != null && MucXml.REQUEST.equals(MucXml.field(form, "FORM_TYPE"))) {
            voice(room, m, form);
            return;
        }
        throw MucXml.error(PacketError.Condition.bad_request, "send group chat messages with type groupchat"); // §7.4
    }

    /** §7.8.2: the room passes the invitation on from its own address, with the password. */
    private void invite(Room room, Message m, Element invite, Element x) throws StanzaException {
        Occupant o = room.byDevice(m.getFrom());
        if (o == null) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "only occupants invite");
        }
        Affiliation affiliation = room.affiliation(o.user());
        boolean mayInvite = !room.config().membersOnly() || affiliation.atLeast(Affiliation.ADMIN)
                || room.config().allowInvites() && affiliation.atLeast(Affiliation.MEMBER);
        if (!mayInvite) {
            throw MucXml.error(PacketError.Condition.forbidden, "you may not invite to this room"); // §7.8.2
        }
        JID invitee;
        try {
            invitee = new JID(invite.attributeValue("to"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw MucXml.error(PacketError.Condition.jid_malformed, "invite 'to' is not a JID");
        }
        notARoom(room, invitee);
        if (room.config().membersOnly() && room.affiliation(invitee) == Affiliation.NONE) {
            // §7.8.2: the invitee of a members-only room becomes a member
            moderation.setAffiliation(room, null, invitee, Affiliation.MEMBER, null);
        }
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(invitee);
        out.setID(java.util.UUID.randomUUID().toString());
        Element ux = out.addChildElement("x", MucXml.USER);
        Element fwd = ux.addElement("invite").addAttribute("from", m.getFrom().toString());
        String reason = invite.elementText("reason");
        if (reason != null) {
            fwd.addElement("reason").setText(reason);
        }
        if (room.config().passwordProtected()) {
            ux.addElement("password").setText(room.config().password());
        }
        out.setBody(m.getFrom().toBareJID() + " invites you to the room " + room.jid().toBareJID()
                + (reason == null ? "" : ": " + reason));
        room.outbox().send(out);
    }

    /** §7.8.2: a declined invitation goes back to the inviter from the room. */
    private void decline(Room room, Message m, Element decline) throws StanzaException {
        JID inviter;
        try {
            inviter = new JID(decline.attributeValue("to"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw MucXml.error(PacketError.Condition.jid_malformed, "decline 'to' is not a JID");
        }
        notARoom(room, inviter);
        Message out = new Message();
        out.setFrom(room.jid());
        out.setTo(inviter);
        Element fwd = out.addChildElement("x", MucXml.USER).addElement("decline").addAttribute("from", m.getFrom().toBareJID());
        String reason = decline.elementText("reason");
        if (reason != null) {
            fwd.addElement("reason").setText(reason);
        }
        room.outbox().send(out);
    }

    /**
     * Invitations go to users, never to rooms of this service: a room sends while holding its
     * lock, and two rooms sending to each other at once would wait for each other for ever.
     */
    private static void notARoom(Room room, JID to) throws StanzaException {
        if (to.getDomain().equals(room.jid().getDomain())) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "invitations go to users, not to rooms");
        }
    }

    /** §7.13: a visitor asks for voice; §8.6: a moderator's answer grants it. */
    private void voice(Room room, Message m, Element form) throws StanzaException {
        Occupant o = room.byDevice(m.getFrom());
        if (o == null) {
            throw MucXml.error(PacketError.Condition.not_acceptable, "only occupants ask for voice");
        }
        String allow = MucXml.field(form, "muc#request_allow");
        if (allow != null) {
            Occupant target = room.byNick(String.valueOf(MucXml.field(form, "muc#roomnick")));
            if (target == null) {
                throw MucXml.error(PacketError.Condition.item_not_found, "no occupant with that nick");
            }
            if (("true".equals(allow) || "1".equals(allow)) && target.role() == Role.VISITOR) {
                moderation.setRole(room, new Moderation.Actor(o, room.affiliation(o.user())), target, Role.PARTICIPANT, null);
            }
            return;
        }
        if (o.role() != Role.VISITOR) {
            return; // already has voice
        }
        List<Packet> out = new ArrayList<>();
        for (Occupant moderator : room.occupants()) {
            if (moderator.role() != Role.MODERATOR) {
                continue;
            }
            for (JID device : moderator.devices()) {
                out.add(approvalForm(room, o, device));
            }
        }
        room.outbox().sendAll(out);
    }

    private static Message approvalForm(Room room, Occupant o, JID to) {
        Message m = new Message();
        m.setFrom(room.jid());
        m.setTo(to);
        m.setID(java.util.UUID.randomUUID().toString());
        Element form = m.getElement().addElement(QName.get("x", MucXml.DATA)).addAttribute("type", "form");
        form.addElement(QName.get("title", MucXml.DATA)).setText("Voice request");
        form.addElement(QName.get("instructions", MucXml.DATA)).setText("Grant " + o.nick() + " voice in this room?");
        MucXml.addField(form, "FORM_TYPE", "hidden", null, List.of(MucXml.REQUEST));
        MucXml.addField(form, "muc#role", "list-single", "Requested role", List.of("participant"));
        MucXml.addField(form, "muc#jid", "jid-single", "User ID", List.of(o.user().toBareJID()));
        MucXml.addField(form, "muc#roomnick", "text-single", "Room Nickname", List.of(o.nick()));
        MucXml.addField(form, "muc#request_allow", "boolean", "Grant voice to this person?", List.of("false"));
        return m;
    }
}
