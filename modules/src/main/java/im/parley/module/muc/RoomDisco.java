package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Service discovery of the service and its rooms (XEP-0045 §6). */
final class RoomDisco {
    static final String INFO = "http://jabber.org/protocol/disco#info";
    static final String ITEMS = "http://jabber.org/protocol/disco#items";
    /** §7.12: the node that tells a user the nick it registered. */
    static final String RESERVED_NICK_NODE = "x-roomuser-item";

    private final Muc muc;

    RoomDisco(Muc muc) {
        this.muc = muc;
    }

    /** §6.1: the service's identity and features; §6.3: its public rooms. */
    IQ service(IQ iq) throws StanzaException {
        IQ result = IQ.createResultIQ(iq);
        String ns = iq.getChildElement().getNamespaceURI();
        if (INFO.equals(ns)) {
            Element q = result.setChildElement("query", INFO);
            q.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                    .addAttribute("name", "Chatrooms");
            for (String f : List.of(INFO, ITEMS, MucXml.MUC, MucXml.OCCUPANT_ID, "urn:xmpp:mam:2", MucXml.STANZA_ID)) {
                q.addElement("feature").addAttribute("var", f);
            }
            return result;
        }
        if (!ITEMS.equals(ns)) {
            throw MucXml.error(PacketError.Condition.service_unavailable, "not offered by the service");
        }
        Element q = result.setChildElement("query", ITEMS);
        String service = iq.getTo().getDomain();
        for (Room room : muc.rooms().active()) {
            synchronized (room) {
                if (room.jid().getDomain().equals(service) && room.config().publicRoom() && !room.locked() && !room.destroyed()) {
                    item(q, room.jid(), room.config().name());
                }
            }
        }
        for (StoredRoom stored : muc.rooms().storedInactive(service)) {
            if (stored.config().publicRoom()) {
                item(q, new JID(stored.jid()), stored.config().name());
            }
        }
        return result;
    }

    private static void item(Element q, JID jid, String name) {
        Element item = q.addElement("item").addAttribute("jid", jid.toBareJID());
        if (name != null && !name.isEmpty()) {
            item.addAttribute("name", name);
        }
    }

    /** §6.4: a room's identity, features and muc#roominfo; §7.12 the reserved nick node. */
    IQ roomInfo(Room room, IQ iq) throws StanzaException {
        IQ result = IQ.createResultIQ(iq);
        String node = iq.getChildElement().attributeValue("node");
        Element q = result.setChildElement("query", INFO);
        if (RESERVED_NICK_NODE.equals(node)) {
            q.addAttribute("node", node);
            StoredAffiliation a = room.affiliationEntry(iq.getFrom().toBareJID());
            if (a != null && a.nick() != null) {
                q.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                        .addAttribute("name", a.nick());
            }
            return result;
        }
        if (node != null) {
            throw MucXml.error(PacketError.Condition.item_not_found, "no such node");
        }
        RoomConfig c = room.config();
        q.addElement("identity").addAttribute("category", "conference").addAttribute("type", "text")
                .addAttribute("name", c.name().isEmpty() ? room.jid().getNode() : c.name());
        List<String> features = List.of(MucXml.MUC, c.publicRoom() ? "muc_public" : "muc_hidden",
                c.persistent() ? "muc_persistent" : "muc_temporary", c.membersOnly() ? "muc_membersonly" : "muc_open",
                c.moderated() ? "muc_moderated" : "muc_unmoderated", c.nonAnonymous() ? "muc_nonanonymous" : "muc_semianonymous",
                c.passwordProtected() ? "muc_passwordprotected" : "muc_unsecured", INFO, ITEMS, "jabber:iq:register",
                MucXml.OCCUPANT_ID, MucXml.STANZA_ID, "urn:xmpp:mam:2", Retractions.MODERATE, Retractions.RETRACT,
                "http://jabber.org/protocol/muc#self-ping-optimization");
        for (String f : features) {
            q.addElement("feature").addAttribute("var", f);
        }
        Element form = q.addElement(QName.get("x", MucXml.DATA)).addAttribute("type", "result");
        MucXml.addField(form, "FORM_TYPE", "hidden", null, List.of(MucXml.ROOMINFO));
        MucXml.addField(form, "muc#roominfo_description", null, "Description", List.of(c.description()));
        MucXml.addField(form, "muc#roominfo_occupants", null, "Occupants", List.of(Integer.toString(room.size())));
        MucXml.addField(form, "muc#roominfo_subject", null, "Subject", List.of(room.subject() == null ? "" : room.subject()));
        return result;
    }

    /** §6.5: the occupants, by occupant JID. */
    IQ roomItems(Room room, IQ iq) {
        IQ result = IQ.createResultIQ(iq);
        Element q = result.setChildElement("query", ITEMS);
        if (room.config().publicRoom() || room.byDevice(iq.getFrom()) != null) {
            for (Occupant o : room.occupants()) {
                q.addElement("item").addAttribute("jid", MucXml.occupantJid(room, o.nick()).toString());
            }
        }
        return result;
    }
}
