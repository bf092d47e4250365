package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Answers {@code <pubsub xmlns='http://jabber.org/protocol/pubsub#owner'/>} requests (XEP-0060 §8). */
public final class OwnerRequests {
    private final PubSubEngine engine;
    private final Subscribers subscribers;

    public OwnerRequests(PubSubEngine engine, Subscribers subscribers) {
        this.engine = engine;
        this.subscribers = subscribers;
    }

    public IQ handle(IQ request, JID service, JID requester) throws StanzaException {
        Element action = PubSubRequests.first(request.getChildElement());
        IQ result = IQ.createResultIQ(request);
        boolean set = request.getType() == IQ.Type.set;
        String nodeName = action.attributeValue("node");
        switch (set + " " + action.getName()) {
            case "false configure" -> {
                NodeStore.Node node = engine.node(service, nodeName);
                engine.checkOwner(node, service, requester);
                Element configure = result.setChildElement("pubsub", PubSub.OWNER).addElement("configure")
                        .addAttribute("node", nodeName);
                configure.add(node.config().form(DataForm.Type.form, engine.limits().maxItems()).getElement().createCopy());
            }
            case "true configure" -> configure(action, service, requester, nodeName);
            case "false default" -> result.setChildElement("pubsub", PubSub.OWNER).addElement("default")
                    .add(NodeConfig.defaults(engine.pep()).form(DataForm.Type.form, engine.limits().maxItems())
                            .getElement().createCopy());
            case "true delete" -> engine.delete(service, requester, nodeName);
            case "true purge" -> engine.purge(service, requester, nodeName);
            case "false subscriptions" -> {
                NodeStore.Node node = engine.node(service, nodeName);
                engine.checkOwner(node, service, requester);
                Element out = result.setChildElement("pubsub", PubSub.OWNER).addElement("subscriptions")
                        .addAttribute("node", nodeName);
                node.subscriptions().forEach((jid, subid) -> out.addElement("subscription").addAttribute("jid", jid)
                        .addAttribute("subscription", "subscribed").addAttribute("subid", subid));
            }
            case "true subscriptions" -> subscribers.setSubscriptions(service, requester, nodeName, changes(action, "subscription"));
            case "false affiliations" -> {
                NodeStore.Node node = engine.node(service, nodeName);
                engine.checkOwner(node, service, requester);
                Element out = result.setChildElement("pubsub", PubSub.OWNER).addElement("affiliations")
                        .addAttribute("node", nodeName);
                if (engine.pep()) {
                    out.addElement("affiliation").addAttribute("jid", service.toBareJID()).addAttribute("affiliation", "owner");
                }
                node.affiliations().forEach((jid, a) -> out.addElement("affiliation").addAttribute("jid", jid)
                        .addAttribute("affiliation", a.xml()));
            }
            case "true affiliations" -> subscribers.setAffiliations(service, requester, nodeName, changes(action, "affiliation"));
            default -> throw PubSub.unsupported(action.getName());
        }
        return result;
    }

    /** XEP-0060 §8.2.4: a submitted form changes the node; a cancelled one changes nothing. */
    private void configure(Element action, JID service, JID requester, String nodeName) throws StanzaException {
        Element x = action.element(org.dom4j.QName.get("x", "jabber:x:data"));
        if (x == null) {
            throw new StanzaException(PacketError.Condition.bad_request, "send the configuration form");
        }
        DataForm form = new DataForm(x.createCopy());
        if (form.getType() == DataForm.Type.cancel) {
            engine.checkOwner(engine.node(service, nodeName), service, requester);
            return;
        }
        if (form.getType() != DataForm.Type.submit) {
            throw new StanzaException(PacketError.Condition.bad_request, "submit the form");
        }
        org.xmpp.forms.FormField formType = form.getField("FORM_TYPE");
        if (formType != null && !formType.getValues().contains(PubSub.NODE_CONFIG)) {
            throw new StanzaException(PacketError.Condition.bad_request, "the form is not a node configuration");
        }
        engine.configure(service, requester, nodeName, form);
    }

    /** The jid and value of each child, for affiliation and subscription changes. */
    private static Map<JID, String> changes(Element action, String attribute) throws StanzaException {
        Map<JID, String> changes = new LinkedHashMap<>();
        for (Element e : action.elements(attribute)) {
            JID jid = PubSubRequests.jid(e.attributeValue("jid"));
            String value = e.attributeValue(attribute);
            if (jid == null || value == null) {
                throw new StanzaException(PacketError.Condition.bad_request, "each " + attribute + " needs jid and " + attribute);
            }
            changes.put(jid, value);
        }
        return changes;
    }
}
