package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import im.parley.module.xml.StoredXml;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The publish-subscribe engine (XEP-0060) that both a PEP service and the pubsub component run
 * on: nodes, items, configuration, access and events, whatever the wire format. A service is
 * named by its address: an account's bare JID for PEP, the component's domain otherwise.
 */
public final class PubSubEngine {
    private final NodeStore store;
    private final Limits limits;
    private final boolean pep;
    private final Access access;
    private final Notifier notifier;
    private final Clock clock;
    private final List<PublishListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Learns of every item published, after it is stored and its event sent. */
    @FunctionalInterface
    public interface PublishListener {
        void published(JID service, NodeStore.Node node, NodeStore.Item item);
    }

    public PubSubEngine(NodeStore store, Limits limits, boolean pep, Access access, Notifier notifier, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.pep = pep;
        this.access = access;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Adds a listener of publications (for a module that converts items, e.g. avatars to vCards). */
    public void onPublish(PublishListener listener) {
        listeners.add(listener);
    }

    public boolean pep() {
        return pep;
    }

    public Limits limits() {
        return limits;
    }

    public NodeStore store() {
        return store;
    }

    /** The node, or item-not-found (XEP-0060 §6.5.9.11 and others). */
    public NodeStore.Node node(JID service, String node) throws StanzaException {
        if (node == null || node.isEmpty()) {
            throw PubSub.error(PacketError.Condition.bad_request, "nodeid-required", "name the node");
        }
        return store.node(service.toString(), node).orElseThrow(
                () -> new StanzaException(PacketError.Condition.item_not_found, "no node " + node));
    }

    public List<NodeStore.Node> nodes(JID service) {
        return store.nodes(service.toString());
    }

    /** The requester's affiliation: on PEP the account owns every node of its service. */
    public Affiliation affiliation(NodeStore.Node node, JID service, JID requester) {
        if (pep && requester.toBareJID().equals(service.toBareJID())) {
            return Affiliation.OWNER;
        }
        return node.affiliation(requester.toBareJID());
    }

    /** The JID whose roster the presence and roster access models use. */
    public JID rosterOwner(NodeStore.Node node, JID service) {
        if (pep) {
            return service;
        }
        return node.affiliations().entrySet().stream().filter(e -> e.getValue() == Affiliation.OWNER)
                .map(e -> new JID(e.getKey())).sorted().findFirst().orElse(null);
    }

    public boolean mayRead(NodeStore.Node node, JID service, JID requester) {
        return access.allows(node, rosterOwner(node, service), affiliation(node, service, requester), requester);
    }

    public void checkRead(NodeStore.Node node, JID service, JID requester) throws StanzaException {
        access.check(node, rosterOwner(node, service), affiliation(node, service, requester), requester);
    }

    /** Throws forbidden unless the requester owns the node (XEP-0060 §8.x.y "Requester is not owner"). */
    public void checkOwner(NodeStore.Node node, JID service, JID requester) throws StanzaException {
        if (affiliation(node, service, requester) != Affiliation.OWNER) {
            throw new StanzaException(PacketError.Condition.forbidden, "only the node's owner may do this");
        }
    }

    /**
     * Creates a node (XEP-0060 §8.1) with the defaults changed by the form, if any; the creator
     * owns it. Conflict when it exists; a refusal beyond the service's node limit.
     */
    public NodeStore.Node create(JID service, JID creator, String node, DataForm config) throws StanzaException {
        PublishRules.checkName(node, "node name");
        NodeConfig c = NodeConfig.defaults(pep);
        if (config != null) {
            c = c.apply(config);
        }
        Map<String, Affiliation> affiliations = pep ? Map.of() : Map.of(creator.toBareJID(), Affiliation.OWNER);
        NodeStore.Node created = new NodeStore.Node(service.toString(), node, c, affiliations, Map.of());
        switch (store.create(created, limits.maxNodes())) {
            case EXISTS -> throw new StanzaException(PacketError.Condition.conflict, "node " + node + " exists");
            case TOO_MANY -> throw StanzaException.policyViolation(
                    "a service keeps at most " + limits.maxNodes() + " nodes; delete one first");
            default -> {
                return created;
            }
        }
    }

    /** A new item id where the publisher gave none (XEP-0060 §7.1.1). */
    public String newItemId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Publishes an item (XEP-0060 §7.1): creates the node first if it does not exist (§7.1.4,
     * XEP-0163 §3), with publish-options as its configuration; otherwise checks the options are
     * what the node has (§7.1.5). Returns the item id.
     */
    public String publish(JID service, JID publisher, String nodeName, Element item, DataForm options) throws StanzaException {
        if (pep && !publisher.toBareJID().equals(service.toBareJID())) {
            // XEP-0163 §3: only the account publishes to its PEP service (checked before any auto-create).
            throw new StanzaException(PacketError.Condition.forbidden, "only the account publishes here");
        }
        NodeStore.Node node = store.node(service.toString(), nodeName).orElse(null);
        if (node == null) {
            node = createForPublish(service, publisher, nodeName, options);
        } else if (options != null) {
            PublishRules.checkPreconditions(node, options, limits);
        }
        checkPublisher(node, service, publisher);
        String payload = PublishRules.payload(node, item, limits);
        String id = item == null || item.attributeValue("id") == null || item.attributeValue("id").isEmpty()
                ? newItemId() : item.attributeValue("id");
        PublishRules.checkName(id, "item id");
        NodeStore.Item stored = new NodeStore.Item(id, publisher.toBareJID(), clock.instant(), payload);
        if (node.config().flag("persist_items")) {
            if (!store.publish(service.toString(), nodeName, stored, node.config().maxItems(limits.maxItems()))) {
                throw new StanzaException(PacketError.Condition.item_not_found, "node " + nodeName + " was deleted");
            }
        }
        if (node.config().flag("deliver_notifications")) {
            notifier.send(node, itemsEvent(node, List.of(stored)));
        }
        for (PublishListener l : listeners) {
            l.published(service, node, stored);
        }
        return id;
    }

    private NodeStore.Node createForPublish(JID service, JID publisher, String nodeName, DataForm options) throws StanzaException {
        try {
            return create(service, publisher, nodeName, options);
        } catch (StanzaException e) {
            if (e.condition() != PacketError.Condition.conflict) {
                throw e;
            }
            // Created meanwhile by another publish of the owner: that node's options must match.
            NodeStore.Node node = node(service, nodeName);
            if (options != null) {
                PublishRules.checkPreconditions(node, options, limits);
            }
            return node;
        }
    }

    /** XEP-0060 §7.1.3.1: only those the publish model allows; on PEP, the account (XEP-0163 §3). */
    private void checkPublisher(NodeStore.Node node, JID service, JID publisher) throws StanzaException {
        Affiliation a = affiliation(node, service, publisher);
        boolean allowed = switch (node.config().value("publish_model")) {
            case "open" -> a != Affiliation.OUTCAST;
            case "subscribers" -> a.mayPublish() || node.subscriptions().containsKey(publisher.toBareJID())
                    || node.subscriptions().containsKey(publisher.toString());
            default -> a.mayPublish();
        };
        if (!allowed || (pep && a != Affiliation.OWNER)) {
            throw new StanzaException(PacketError.Condition.forbidden, "you may not publish to this node");
        }
    }

    /** {@code <items node=''>} with the items, with or without payloads as the node says (§7.1.2.1, §7.1.2.2). */
    public Element itemsEvent(NodeStore.Node node, List<NodeStore.Item> items) {
        Element e = DocumentHelper.createElement(QName.get("items", PubSub.EVENT));
        e.addAttribute("node", node.node());
        boolean payloads = node.config().flag("deliver_payloads");
        for (NodeStore.Item i : items) {
            Element item = e.addElement("item").addAttribute("id", i.id());
            if (!pep) {
                item.addAttribute("publisher", i.publisher());
            }
            if (payloads && i.payload() != null) {
                item.add(StoredXml.parse(i.payload()));
            }
        }
        return e;
    }

    /** Retracts an item (XEP-0060 §7.2), notifying subscribers when asked or configured to. */
    public void retract(JID service, JID requester, String nodeName, String id, Boolean notify) throws StanzaException {
        NodeStore.Node node = node(service, nodeName);
        if (!affiliation(node, service, requester).mayPublish()) {
            throw new StanzaException(PacketError.Condition.forbidden, "only publishers may retract items");
        }
        if (id == null || id.isEmpty()) {
            throw PubSub.error(PacketError.Condition.bad_request, "item-required", "name the item to retract");
        }
        if (!store.retract(service.toString(), nodeName, id)) {
            throw new StanzaException(PacketError.Condition.item_not_found, "no item " + id);
        }
        if (notify != null ? notify : node.config().flag("notify_retract")) {
            Element e = DocumentHelper.createElement(QName.get("items", PubSub.EVENT)).addAttribute("node", nodeName);
            e.addElement("retract").addAttribute("id", id);
            notifier.send(node, e);
        }
    }

    /** Deletes a node (XEP-0060 §8.4), telling subscribers (§8.4.2). */
    public void delete(JID service, JID requester, String nodeName) throws StanzaException {
        NodeStore.Node node = node(service, nodeName);
        checkOwner(node, service, requester);
        if (store.delete(service.toString(), nodeName) && node.config().flag("notify_delete")) {
            notifier.send(node, DocumentHelper.createElement(QName.get("delete", PubSub.EVENT)).addAttribute("node", nodeName));
        }
    }

    /** Removes every item of a node (XEP-0060 §8.5), telling subscribers (§8.5.2). */
    public void purge(JID service, JID requester, String nodeName) throws StanzaException {
        NodeStore.Node node = node(service, nodeName);
        checkOwner(node, service, requester);
        store.purge(service.toString(), nodeName);
        if (node.config().flag("notify_retract")) {
            notifier.send(node, DocumentHelper.createElement(QName.get("purge", PubSub.EVENT)).addAttribute("node", nodeName));
        }
    }

    /** Changes a node's configuration (XEP-0060 §8.2.4), trimming items beyond a lowered max_items. */
    public void configure(JID service, JID requester, String nodeName, DataForm form) throws StanzaException {
        NodeStore.Node node = node(service, nodeName);
        checkOwner(node, service, requester);
        NodeStore.Node changed = node.withConfig(node.config().apply(form));
        store.update(changed);
        int max = changed.config().maxItems(limits.maxItems());
        List<NodeStore.Item> kept = store.items(service.toString(), nodeName, max);
        if (!changed.config().flag("persist_items")) {
            store.purge(service.toString(), nodeName);
        } else if (max < node.config().maxItems(limits.maxItems()) && !kept.isEmpty()) {
            // Republishing the newest item keeps it and drops what is beyond the new limit.
            NodeStore.Item newest = kept.get(kept.size() - 1);
            store.publish(service.toString(), nodeName, newest, max);
        }
        if (changed.config().flag("notify_config")) {
            Element e = DocumentHelper.createElement(QName.get("configuration", PubSub.EVENT)).addAttribute("node", nodeName);
            notifier.send(changed, e);
        }
    }
}
