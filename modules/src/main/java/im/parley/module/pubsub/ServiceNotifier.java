package im.parley.module.pubsub;

import im.parley.api.routing.Router;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/** Sends the events of the pubsub component's nodes to their subscribers, at the address each subscribed with. */
final class ServiceNotifier implements Notifier {
    private final Router router;

    ServiceNotifier(Router router) {
        this.router = router;
    }

    @Override
    public void send(NodeStore.Node node, Element event) {
        // XEP-0060 §7.1.2.1: one message per subscription, from the service.
        node.subscriptions().keySet().forEach(jid -> sendTo(node, new JID(jid), event));
    }

    @Override
    public void sendTo(NodeStore.Node node, JID to, Element event) {
        router.route(Events.message(new JID(node.service()), to, node, event));
    }
}
