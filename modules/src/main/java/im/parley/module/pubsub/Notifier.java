package im.parley.module.pubsub;

import org.dom4j.Element;

/**
 * Sends a node's events where they belong: for PEP to the owner and the contacts that may see
 * the node and want its events; for the pubsub component to the node's subscribers.
 */
public interface Notifier {

    /**
     * Delivers an event of a node.
     *
     * @param node the node, as it is after the change (before, for a deletion)
     * @param event the child of {@code <event xmlns='pubsub#event'/>}: items, delete, purge or configuration
     */
    void send(NodeStore.Node node, Element event);

    /** Sends one event to one address (the last item to a new subscriber, XEP-0060 §6.1.7). */
    void sendTo(NodeStore.Node node, org.xmpp.packet.JID to, Element event);
}
