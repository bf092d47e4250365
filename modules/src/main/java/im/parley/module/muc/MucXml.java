package im.parley.module.muc;

import im.parley.api.StanzaException;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** The namespaces of group chat and the presence elements rooms send (XEP-0045 §7.2.2). */
final class MucXml {
    static final String MUC = "http://jabber.org/protocol/muc";
    static final String USER = MUC + "#user";
    static final String ADMIN = MUC + "#admin";
    static final String OWNER = MUC + "#owner";
    static final String ROOMCONFIG = MUC + "#roomconfig";
    static final String ROOMINFO = MUC + "#roominfo";
    static final String REQUEST = MUC + "#request";
    static final String REGISTER_FORM = MUC + "#register";
    static final String DATA = "jabber:x:data";
    static final String OCCUPANT_ID = "urn:xmpp:occupant-id:0";
    static final String STANZA_ID = "urn:xmpp:sid:0";
    static final String DELAY = "urn:xmpp:delay";

    private MucXml() {
    }

    /**
     * An occupant's presence from its occupant JID to one device, with the muc#user item
     * (affiliation, role and, when the recipient may see it, the real JID) and the occupant id.
     *
     * @param base the client's presence to copy, or null for unavailable
     */
    static Presence occupantPresence(Room room, Occupant o, Presence base, JID to, boolean withJid, JID realJid) {
        Presence p;
        if (base == null) {
            p = new Presence(Presence.Type.unavailable);
        } else {
            p = base.createCopy();
            p.setID(null);
            removeChildren(p, "x", MUC);
            removeChildren(p, "x", USER);
            removeChildren(p, "occupant-id", OCCUPANT_ID);
        }
        p.setFrom(new JID(room.jid().getNode(), room.jid().getDomain(), o.nick(), true));
        p.setTo(to);
        Element item = p.addChildElement("x", USER).addElement("item");
        item.addAttribute("affiliation", room.affiliation(o.user()).xml());
        item.addAttribute("role", base == null ? Role.NONE.xml() : o.role().xml());
        if (withJid && realJid != null) {
            item.addAttribute("jid", realJid.toString());
        }
        // XEP-0421 §3: the room adds the occupant id to every presence of the occupant.
        p.addChildElement("occupant-id", OCCUPANT_ID).addAttribute("id", o.occupantId());
        return p;
    }

    /** The muc#user item of a presence built by {@link #occupantPresence}. */
    static Element item(Presence p) {
        return p.getChildElement("x", USER).element("item");
    }

    static void status(Packet p, List<Integer> codes) {
        Element x = p.getElement().element(QName.get("x", USER));
        if (x == null) {
            x = p.getElement().addElement(QName.get("x", USER));
        }
        for (int code : codes) {
            x.addElement("status").addAttribute("code", Integer.toString(code));
        }
    }

    static void removeChildren(Packet p, String name, String ns) {
        for (Element e : List.copyOf(p.getElement().elements(QName.get(name, ns)))) {
            p.getElement().remove(e);
        }
    }

    static JID occupantJid(Room room, String nick) {
        return new JID(room.jid().getNode(), room.jid().getDomain(), nick, true);
    }

    static StanzaException error(PacketError.Condition condition, String text) {
        return new StanzaException(condition, text);
    }

    /** The value of a data form field, or null. */
    static String field(Element form, String var) {
        List<String> values = fieldValues(form, var);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The values of a data form field, or null when the form lacks the field. */
    static List<String> fieldValues(Element form, String var) {
        for (Element f : form.elements(QName.get("field", DATA))) {
            if (var.equals(f.attributeValue("var"))) {
                return f.elements(QName.get("value", DATA)).stream().map(Element::getText).toList();
            }
        }
        return null;
    }

    /** Adds a field to a data form. */
    static Element addField(Element form, String var, String type, String label, List<String> values) {
        Element f = form.addElement(QName.get("field", DATA)).addAttribute("var", var);
        if (type != null) {
            f.addAttribute("type", type);
        }
        if (label != null) {
            f.addAttribute("label", label);
        }
        for (String v : values) {
            f.addElement(QName.get("value", DATA)).setText(v);
        }
        return f;
    }
}
