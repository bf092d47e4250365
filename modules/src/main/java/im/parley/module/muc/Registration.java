package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** Registering a nick with a room (XEP-0045 §7.10), which makes the user a member with that nick reserved. */
final class Registration {
    static final String NS = "jabber:iq:register";

    private final Muc muc;

    Registration(Muc muc) {
        this.muc = muc;
    }

    IQ handle(Room room, IQ iq) throws StanzaException {
        String user = iq.getFrom().toBareJID();
        StoredAffiliation current = room.affiliationEntry(user);
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", NS);
        if (iq.getType() == IQ.Type.get) {
            if (current != null && current.nick() != null) {
                query.addElement("registered");
                query.addElement("username").setText(current.nick());
                return result;
            }
            query.addElement("instructions").setText("Choose the nick to register with the room.");
            Element form = query.addElement(QName.get("x", MucXml.DATA)).addAttribute("type", "form");
            MucXml.addField(form, "FORM_TYPE", "hidden", null, List.of(MucXml.REGISTER_FORM));
            MucXml.addField(form, "muc#register_roomnick", "text-single", "Nick", List.of())
                    .addElement("required");
            return result;
        }
        Element request = iq.getChildElement();
        if (request.element("remove") != null) {
            if (current == null || current.affiliation() != Affiliation.MEMBER) {
                throw MucXml.error(PacketError.Condition.item_not_found, "you are not registered with this room");
            }
            update(room, new StoredAffiliation(user, Affiliation.NONE, null, null));
            return result;
        }
        Element form = request.element(QName.get("x", MucXml.DATA));
        String nick = form == null ? null : MucXml.field(form, "muc#register_roomnick");
        if (nick == null || nick.isBlank() || nick.length() > muc.config().maxNickLength()) {
            throw MucXml.error(PacketError.Condition.bad_request, "muc#register_roomnick is required"); // §7.10
        }
        Affiliation a = current == null ? Affiliation.NONE : current.affiliation();
        if (a == Affiliation.OUTCAST) {
            throw MucXml.error(PacketError.Condition.forbidden, "you are banned from this room");
        }
        if (room.config().membersOnly() && a == Affiliation.NONE) {
            throw MucXml.error(PacketError.Condition.not_allowed, "only members register with a members-only room");
        }
        String reservedBy = room.reservedBy(nick);
        Occupant holder = room.byNick(nick);
        if (reservedBy != null && !reservedBy.equals(user) || holder != null && !holder.user().toBareJID().equals(user)) {
            throw MucXml.error(PacketError.Condition.conflict, "that nick is taken"); // §7.10
        }
        update(room, new StoredAffiliation(user, a == Affiliation.NONE ? Affiliation.MEMBER : a, nick, null));
        return result;
    }

    private void update(Room room, StoredAffiliation a) {
        room.affiliate(a);
        muc.rooms().persistAffiliation(room, a);
        Occupant o = room.byUser(new org.xmpp.packet.JID(a.jid()));
        if (o != null) {
            if (a.affiliation() == Affiliation.MEMBER && o.role() == Role.VISITOR) {
                o.role(Role.PARTICIPANT);
            }
            muc.presences().broadcast(room, o, o.presence(), o.presence().getFrom(), List.of(), List.of(), null, false);
        }
    }
}
