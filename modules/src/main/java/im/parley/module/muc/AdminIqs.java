package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** The moderators' and admins' requests (muc#admin, XEP-0045 §8, §9): role and affiliation changes and lists. */
final class AdminIqs {
    private final Moderation moderation;

    AdminIqs(Moderation moderation) {
        this.moderation = moderation;
    }

    IQ handle(Room room, IQ iq) throws StanzaException {
        List<Element> items = iq.getChildElement().elements("item");
        if (items.isEmpty()) {
            throw MucXml.error(PacketError.Condition.bad_request, "muc#admin needs an <item/>");
        }
        Occupant requester = room.byDevice(iq.getFrom());
        Affiliation affiliation = room.affiliation(iq.getFrom());
        if (iq.getType() == IQ.Type.get) {
            return list(room, iq, items.get(0), requester, affiliation);
        }
        Moderation.Actor actor = new Moderation.Actor(requester, affiliation);
        for (Element item : items) {
            change(room, actor, item);
        }
        return IQ.createResultIQ(iq);
    }

    private void change(Room room, Moderation.Actor actor, Element item) throws StanzaException {
        String reason = item.elementText("reason");
        String nick = item.attributeValue("nick");
        String roleName = item.attributeValue("role");
        String affiliationName = item.attributeValue("affiliation");
        if (roleName != null) {
            Role role = Role.parse(roleName);
            if (role == null || nick == null) {
                throw MucXml.error(PacketError.Condition.bad_request, "a role change needs a nick and a known role");
            }
            Occupant target = room.byNick(nick);
            if (target == null) {
                throw MucXml.error(PacketError.Condition.item_not_found, "no occupant with that nick");
            }
            moderation.setRole(room, actor, target, role, reason);
            return;
        }
        Affiliation to = Affiliation.parse(affiliationName);
        if (to == null) {
            throw MucXml.error(PacketError.Condition.bad_request, "an item needs a known role or affiliation");
        }
        JID user;
        if (item.attributeValue("jid") != null) {
            try {
                user = new JID(item.attributeValue("jid")).asBareJID();
            } catch (IllegalArgumentException e) {
                throw MucXml.error(PacketError.Condition.jid_malformed, "not a JID");
            }
        } else if (nick != null && room.byNick(nick) != null) {
            user = room.byNick(nick).user();
        } else {
            throw MucXml.error(PacketError.Condition.bad_request, "an affiliation change needs a jid");
        }
        moderation.setAffiliation(room, actor, user, to, reason);
    }

    /** §9.5, §9.8, §10.5, §10.8, §8.5, §9.9: who holds an affiliation or a role. */
    private static IQ list(Room room, IQ iq, Element item, Occupant requester, Affiliation affiliation) throws StanzaException {
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", MucXml.ADMIN);
        Affiliation a = Affiliation.parse(item.attributeValue("affiliation"));
        Role r = Role.parse(item.attributeValue("role"));
        if (a != null && a != Affiliation.NONE) {
            boolean allowed = affiliation.atLeast(Affiliation.ADMIN)
                    || a == Affiliation.MEMBER && room.config().membersOnly() && affiliation == Affiliation.MEMBER;
            if (!allowed) {
                throw MucXml.error(PacketError.Condition.forbidden, "only admins and owners see that list");
            }
            for (StoredAffiliation s : room.affiliated(a)) {
                Element e = query.addElement("item").addAttribute("affiliation", a.xml()).addAttribute("jid", s.jid());
                if (s.nick() != null) {
                    e.addAttribute("nick", s.nick());
                }
                if (s.reason() != null) {
                    e.addElement("reason").setText(s.reason());
                }
            }
            return result;
        }
        if (r != null && r != Role.NONE) {
            if (requester == null || requester.role() != Role.MODERATOR) {
                throw MucXml.error(PacketError.Condition.forbidden, "only moderators see that list");
            }
            for (Occupant o : room.occupants()) {
                if (o.role() == r) {
                    query.addElement("item").addAttribute("role", r.xml()).addAttribute("nick", o.nick())
                            .addAttribute("affiliation", room.affiliation(o.user()).xml())
                            .addAttribute("jid", o.presence().getFrom().toString());
                }
            }
            return result;
        }
        throw MucXml.error(PacketError.Condition.bad_request, "ask for a list by affiliation or role");
    }
}
