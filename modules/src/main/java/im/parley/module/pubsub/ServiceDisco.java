package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Service discovery of the pubsub component (XEP-0060 §5): the service, its nodes and their items. */
final class ServiceDisco {
    private ServiceDisco() {
    }

    /** XEP-0060 §5.1, §5.3: the service's identity and features, or a node's. */
    static IQ info(PubSubEngine engine, IQ request, JID service, JID requester) throws StanzaException {
        String node = request.getChildElement().attributeValue("node");
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", PubSubModule.DISCO_INFO);
        if (node == null) {
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "service")
                    .addAttribute("name", "Publish-Subscribe service");
            query.addElement("feature").addAttribute("var", PubSubModule.DISCO_INFO);
            query.addElement("feature").addAttribute("var", PubSubModule.DISCO_ITEMS);
            query.addElement("feature").addAttribute("var", PubSub.NS);
            PubSubModule.FEATURES.forEach(f -> query.addElement("feature").addAttribute("var", PubSub.NS + "#" + f));
            return result;
        }
        NodeStore.Node n = visible(engine, service, node, requester);
        query.addAttribute("node", node);
        query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "leaf");
        query.addElement("feature").addAttribute("var", PubSub.NS);
        query.add(PubSubDisco.metaData(n).getElement().createCopy());
        return result;
    }

    /** XEP-0060 §5.2, §5.5: the nodes at the top, or the item ids of a node. */
    static IQ items(PubSubEngine engine, IQ request, JID service, JID requester) throws StanzaException {
        String node = request.getChildElement().attributeValue("node");
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", PubSubModule.DISCO_ITEMS);
        if (node == null) {
            for (NodeStore.Node n : engine.nodes(service)) {
                if (engine.mayRead(n, service, requester)) {
                    Element item = query.addElement("item").addAttribute("jid", service.toString()).addAttribute("node", n.node());
                    String title = n.config().value("title");
                    if (title != null && !title.isEmpty()) {
                        item.addAttribute("name", title);
                    }
                }
            }
            return result;
        }
        visible(engine, service, node, requester);
        query.addAttribute("node", node);
        engine.store().items(service.toString(), node, engine.limits().maxItems())
                .forEach(i -> query.addElement("item").addAttribute("jid", service.toString()).addAttribute("name", i.id()));
        return result;
    }

    /** The node, or item-not-found also for one the requester may not see (it need not know it exists). */
    private static NodeStore.Node visible(PubSubEngine engine, JID service, String node, JID requester) throws StanzaException {
        NodeStore.Node n = engine.store().node(service.toString(), node).orElse(null);
        if (n == null || !engine.mayRead(n, service, requester)) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no node " + node);
        }
        return n;
    }
}
