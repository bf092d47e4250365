package im.parley.module.pubsub;

import im.parley.api.StanzaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/** Subscriptions and affiliations of nodes (XEP-0060 §6.1, §6.2, §8.8, §8.9). */
public final class Subscribers {
    private final PubSubEngine engine;
    private final Notifier notifier;

    public Subscribers(PubSubEngine engine, Notifier notifier) {
        this.engine = engine;
        this.notifier = notifier;
    }

    /** Subscribes the requester (XEP-0060 §6.1); returns the node as it is now and the subid. */
    public String subscribe(JID service, JID requester, String nodeName, JID jid) throws StanzaException {
        NodeStore.Node node = engine.node(service, nodeName);
        if (jid == null || !jid.toBareJID().equals(requester.toBareJID())) {
            // XEP-0060 §6.1.3.1: one subscribes oneself only.
            throw PubSub.error(PacketError.Condition.bad_request, "invalid-jid", "subscribe your own address");
        }
        engine.checkRead(node, service, requester);
        String subid = node.subscriptions().get(jid.toString());
        if (subid == null) {
            subid = UUID.randomUUID().toString();
            Map<String, String> subs = new HashMap<>(node.subscriptions());
            subs.put(jid.toString(), subid);
            node = node.withSubscriptions(subs);
            engine.store().update(node);
        }
        sendLast(service, node, jid);
        return subid;
    }

    /** XEP-0060 §6.1.7: the last item goes to a new subscriber unless the node says never. */
    private void sendLast(JID service, NodeStore.Node node, JID to) {
        if ("never".equals(node.config().value("send_last_published_item"))) {
            return;
        }
        List<NodeStore.Item> last = engine.store().items(service.toString(), node.node(), 1);
        if (!last.isEmpty()) {
            notifier.sendTo(node, to, engine.itemsEvent(node, last));
        }
    }

    /** Ends a subscription (XEP-0060 §6.2). */
    public void unsubscribe(JID service, JID requester, String nodeName, JID jid) throws StanzaException {
        NodeStore.Node node = engine.node(service, nodeName);
        if (jid == null || !jid.toBareJID().equals(requester.toBareJID())
                && engine.affiliation(node, service, requester) != Affiliation.OWNER) {
            // XEP-0060 §6.2.3.3: only the subscriber (or an owner) may unsubscribe it.
            throw new StanzaException(PacketError.Condition.forbidden, "you may not unsubscribe " + jid);
        }
        if (!node.subscriptions().containsKey(jid.toString())) {
            throw PubSub.error(PacketError.Condition.unexpected_request, "not-subscribed", jid + " is not subscribed");
        }
        Map<String, String> subs = new HashMap<>(node.subscriptions());
        subs.remove(jid.toString());
        engine.store().update(node.withSubscriptions(subs));
    }

    /** Sets subscriptions as the owner (XEP-0060 §8.8.2): "none" removes one, "subscribed" adds one. */
    public void setSubscriptions(JID service, JID requester, String nodeName, Map<JID, String> changes) throws StanzaException {
        NodeStore.Node node = engine.node(service, nodeName);
        engine.checkOwner(node, service, requester);
        Map<String, String> subs = new HashMap<>(node.subscriptions());
        for (Map.Entry<JID, String> c : changes.entrySet()) {
            switch (c.getValue()) {
                case "none" -> subs.remove(c.getKey().toString());
                case "subscribed" -> subs.putIfAbsent(c.getKey().toString(), UUID.randomUUID().toString());
                default -> throw new StanzaException(PacketError.Condition.bad_request,
                        "subscription '" + c.getValue() + "' is not supported");
            }
        }
        engine.store().update(node.withSubscriptions(subs));
    }

    /** Sets affiliations as the owner (XEP-0060 §8.9.2): "none" removes one. */
    public void setAffiliations(JID service, JID requester, String nodeName, Map<JID, String> changes) throws StanzaException {
        NodeStore.Node node = engine.node(service, nodeName);
        engine.checkOwner(node, service, requester);
        Map<String, Affiliation> affs = new HashMap<>(node.affiliations());
        for (Map.Entry<JID, String> c : changes.entrySet()) {
            Affiliation a = Affiliation.of(c.getValue());
            String bare = c.getKey().toBareJID();
            if (a == null) {
                throw new StanzaException(PacketError.Condition.bad_request, "no affiliation '" + c.getValue() + "'");
            }
            if (engine.pep() && bare.equals(service.toBareJID())) {
                // The account owns its PEP nodes whatever is stored (XEP-0163 §2.2).
                throw new StanzaException(PacketError.Condition.not_acceptable, "the account always owns its nodes");
            }
            if (a == Affiliation.NONE) {
                affs.remove(bare);
            } else {
                affs.put(bare, a);
            }
        }
        if (!engine.pep() && !affs.containsValue(Affiliation.OWNER)) {
            // XEP-0060 §8.9.2.4: a node keeps at least one owner.
            throw new StanzaException(PacketError.Condition.not_acceptable, "a node needs an owner");
        }
        engine.store().update(node.withAffiliations(affs));
    }
}
