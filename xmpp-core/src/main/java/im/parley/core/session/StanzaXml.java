package im.parley.core.session;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.Packet;

/** Serializes stanzas for a stream's content namespace: jabber:client, jabber:server or a component's. */
public final class StanzaXml {
    private static final String CLIENT_NS = "jabber:client";
    private static final String SERVER_NS = "jabber:server";

    private StanzaXml() {
    }

    public static String toClient(Packet stanza) {
        return inNamespace(stanza, CLIENT_NS);
    }

    /** For a server-to-server stream, whose default namespace is jabber:server. */
    public static String toServer(Packet stanza) {
        return inNamespace(stanza, SERVER_NS);
    }

    /**
     * The stanza's XML with its content namespace set to the stream's; stanzas from clients,
     * servers or components carry their own (RFC 6120 §4.8.3). A stanza made without one is
     * written as it is and inherits the stream's default namespace.
     */
    public static String inNamespace(Packet stanza, String namespace) {
        Element e = stanza.getElement();
        String ns = e.getNamespaceURI();
        if (ns.isEmpty() || namespace.equals(ns)) {
            return e.asXML();
        }
        return rename(e, ns, namespace).asXML();
    }

    private static Element rename(Element source, String from, String to) {
        Element copy = source.createCopy();
        renameTree(copy, from, Namespace.get(to));
        return copy;
    }

    private static void renameTree(Element element, String from, Namespace to) {
        if (from.equals(element.getNamespaceURI())) {
            element.setQName(QName.get(element.getName(), to));
            // A parsed stanza keeps its old default namespace as a declaration, which would be written twice.
            for (Namespace declared : java.util.List.copyOf(element.declaredNamespaces())) {
                if (declared.getPrefix().isEmpty() && from.equals(declared.getURI())) {
                    element.remove(declared);
                }
            }
        }
        for (Element child : element.elements()) {
            renameTree(child, from, to);
        }
    }
}
