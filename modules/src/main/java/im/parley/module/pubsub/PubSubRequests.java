package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers {@code <pubsub xmlns='http://jabber.org/protocol/pubsub'/>} requests to one service. */
public final class PubSubRequests {
    private final PubSubEngine engine;
    private final Subscribers subscribers;

    public PubSubRequests(PubSubEngine engine, Subscribers subscribers) {
        this.engine = engine;
        this.subscribers = subscribers;
    }

    public IQ handle(IQ request, JID service, JID requester) throws StanzaException {
        Element pubsub = request.getChildElement();
        Element action = first(pubsub);
        IQ result = IQ.createResultIQ(request);
        boolean set = request.getType() == IQ.Type.set;
        String node = action.attributeValue("node");
        switch (set + " " + action.getName()) {
            case "true publish" -> publish(pubsub, action, service, requester, result);
            case "true retract" -> {
                Element item = action.element("item");
                String notify = action.attributeValue("notify");
                engine.retract(service, requester, node, item == null ? null : item.attributeValue("id"),
                        notify == null ? null : notify.equals("1") || notify.equals("true"));
            }
            case "false items" -> items(action, service, requester, result);
            case "true create" -> create(pubsub, action, service, requester, result);
            case "true subscribe" -> {
                JID jid = jid(action.attributeValue("jid"));
                String subid = subscribers.subscribe(service, requester, node, jid);
                result.setChildElement("pubsub", PubSub.NS).addElement("subscription").addAttribute("node", node)
                        .addAttribute("jid", jid.toString()).addAttribute("subid", subid).addAttribute("subscription", "subscribed");
            }
            case "true unsubscribe" -> subscribers.unsubscribe(service, requester, node, jid(action.attributeValue("jid")));
            case "false subscriptions" -> subscriptions(node, service, requester, result);
            case "false affiliations" -> affiliations(node, service, requester, result);
            case "false options", "true options", "false default" -> throw PubSub.unsupported("subscription-options");
            case "true configure" -> throw PubSub.unsupported("config-node");
            default -> throw PubSub.unsupported(action.getName());
        }
        return result;
    }

    static Element first(Element pubsub) throws StanzaException {
        if (pubsub.elements().isEmpty()) {
            throw new StanzaException(PacketError.Condition.bad_request, "the pubsub element is empty");
        }
        return pubsub.elements().get(0);
    }

    static JID jid(String text) throws StanzaException {
        try {
            return text == null ? null : new JID(text);
        } catch (IllegalArgumentException e) {
            throw PubSub.error(PacketError.Condition.bad_request, "invalid-jid", "'" + text + "' is not a JID");
        }
    }

    /** The data form inside an element (publish-options, configure), or null. */
    static DataForm form(Element parent) throws StanzaException {
        Element x = parent == null ? null : parent.element(org.dom4j.QName.get("x", "jabber:x:data"));
        if (x == null) {
            return null;
        }
        DataForm form = new DataForm(x.createCopy());
        if (form.getType() != DataForm.Type.submit) {
            return null;
        }
        return form;
    }

    private void publish(Element pubsub, Element publish, JID service, JID requester, IQ result) throws StanzaException {
        List<Element> items = publish.elements("item");
        if (items.size() > 1) {
            // XEP-0060 §7.1.3.6 (one item per publish here).
            throw PubSub.error(PacketError.Condition.bad_request, "invalid-payload", "publish one item at a time");
        }
        DataForm options = form(pubsub.element("publish-options"));
        String node = publish.attributeValue("node");
        if (node == null || node.isEmpty()) {
            throw PubSub.error(PacketError.Condition.bad_request, "nodeid-required", "name the node");
        }
        String id = engine.publish(service, requester, node, items.isEmpty() ? null : items.get(0), options);
        // XEP-0060 §7.1.2: the result names the item, also when the service chose its id.
        result.setChildElement("pubsub", PubSub.NS).addElement("publish").addAttribute("node", node)
                .addElement("item").addAttribute("id", id);
    }

    private void items(Element action, JID service, JID requester, IQ result) throws StanzaException {
        String nodeName = action.attributeValue("node");
        NodeStore.Node node = engine.node(service, nodeName);
        engine.checkRead(node, service, requester);
        List<String> ids = new ArrayList<>();
        action.elements("item").forEach(i -> ids.add(i.attributeValue("id")));
        List<NodeStore.Item> items;
        if (!ids.isEmpty()) {
            items = engine.store().items(service.toString(), nodeName, ids);
        } else {
            int max = engine.limits().maxItems();
            String maxItems = action.attributeValue("max_items");
            if (maxItems != null) {
                try {
                    max = Math.min(max, Integer.parseInt(maxItems.trim()));
                } catch (NumberFormatException e) {
                    throw new StanzaException(PacketError.Condition.bad_request, "max_items must be a number");
                }
                if (max < 0) {
                    throw new StanzaException(PacketError.Condition.bad_request, "max_items must not be negative");
                }
            }
            items = engine.store().items(service.toString(), nodeName, max);
        }
        Element out = result.setChildElement("pubsub", PubSub.NS).addElement("items").addAttribute("node", nodeName);
        for (NodeStore.Item i : items) {
            Element item = out.addElement("item").addAttribute("id", i.id());
            if (i.payload() != null) {
                item.add(im.parley.module.xml.StoredXml.parse(i.payload()));
            }
        }
    }

    private void create(Element pubsub, Element create, JID service, JID requester, IQ result) throws StanzaException {
        String node = create.attributeValue("node");
        if (engine.pep() && !requester.toBareJID().equals(service.toBareJID())) {
            throw new StanzaException(PacketError.Condition.forbidden, "only the account creates its PEP nodes");
        }
        boolean instant = node == null || node.isEmpty();
        if (instant && engine.pep()) {
            // XEP-0060 §8.1.2.3: no instant nodes on PEP, where a node is named after its namespace.
            throw PubSub.error(PacketError.Condition.not_acceptable, "nodeid-required", "name the node");
        }
        String name = instant ? engine.newItemId() : node;
        engine.create(service, requester, name, form(pubsub.element("configure")));
        if (instant) {
            // XEP-0060 §8.1.2: the service tells the name it chose.
            result.setChildElement("pubsub", PubSub.NS).addElement("create").addAttribute("node", name);
        }
    }

    private void subscriptions(String only, JID service, JID requester, IQ result) {
        Element out = result.setChildElement("pubsub", PubSub.NS).addElement("subscriptions");
        if (only != null) {
            out.addAttribute("node", only);
        }
        for (NodeStore.Node n : engine.nodes(service)) {
            if (only != null && !only.equals(n.node())) {
                continue;
            }
            n.subscriptions().forEach((jid, subid) -> {
                if (new JID(jid).toBareJID().equals(requester.toBareJID())) {
                    out.addElement("subscription").addAttribute("node", n.node()).addAttribute("jid", jid)
                            .addAttribute("subscription", "subscribed").addAttribute("subid", subid);
                }
            });
        }
    }

    private void affiliations(String only, JID service, JID requester, IQ result) {
        Element out = result.setChildElement("pubsub", PubSub.NS).addElement("affiliations");
        if (only != null) {
            out.addAttribute("node", only);
        }
        for (NodeStore.Node n : engine.nodes(service)) {
            Affiliation a = engine.affiliation(n, service, requester);
            if ((only == null || only.equals(n.node())) && a != Affiliation.NONE) {
                out.addElement("affiliation").addAttribute("node", n.node()).addAttribute("affiliation", a.xml());
            }
        }
    }
}
