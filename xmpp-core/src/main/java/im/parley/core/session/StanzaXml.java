package im.parley.core.session;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.Packet;

/** Serializes stanzas for a client stream, whose content namespace is jabber:client. */
public final class StanzaXml {
    private static final String CLIENT_NS = "jabber:client";

    private StanzaXml() {
    }

    public static String toClient(Packet stanza) {
        Element e = stanza.getElement();
        String ns = e.getNamespaceURI();
        if (ns.isEmpty() || CLIENT_NS.equals(ns)) {
            return e.asXML();
        }
        // Stanzas from servers or components carry their own content namespace (RFC 6120 §4.8.3).
        return rename(e, ns).asXML();
    }

    private static Element rename(Element source, String from) {
        Element copy = source.createCopy();
        renameTree(copy, from);
        return copy;
    }

    private static void renameTree(Element element, String from) {
        if (from.equals(element.getNamespaceURI())) {
            element.setQName(QName.get(element.getName(), Namespace.get(CLIENT_NS)));
        }
        for (Element child : element.elements()) {
            renameTree(child, from);
        }
    }
}
