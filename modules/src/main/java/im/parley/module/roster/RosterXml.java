package im.parley.module.roster;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** Roster items as jabber:iq:roster XML (RFC 6121 §2.1). */
final class RosterXml {
    static final String NS = "jabber:iq:roster";

    private RosterXml() {
    }

    static Element item(RosterItem item) {
        Element e = DocumentHelper.createElement(QName.get("item", NS));
        e.addAttribute("jid", item.contact().toBareJID());
        if (item.name() != null) {
            e.addAttribute("name", item.name());
        }
        e.addAttribute("subscription", item.subscription().xml());
        if (item.ask()) {
            e.addAttribute("ask", "subscribe");
        }
        if (item.approved()) {
            e.addAttribute("approved", "true");
        }
        for (String group : item.groups()) {
            e.addElement("group").setText(group);
        }
        return e;
    }

    static Element removal(org.xmpp.packet.JID contact) {
        Element e = DocumentHelper.createElement(QName.get("item", NS));
        e.addAttribute("jid", contact.toBareJID());
        e.addAttribute("subscription", "remove");
        return e;
    }
}
