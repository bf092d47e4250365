package im.parley.core.routing;

import im.parley.api.cluster.Cluster;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import im.parley.core.metrics.ServerMetrics;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Hands stanzas to the session behind a route: on this node directly, on another node through
 * the cluster transport, which keeps each sender's order.
 */
public final class RouteDelivery {
    private final Sessions sessions;
    private final Cluster cluster;
    private final Handoffs handoffs;
    private final ServerMetrics metrics;

    public RouteDelivery(Sessions sessions, Cluster cluster, Handoffs handoffs, ServerMetrics metrics) {
        this.sessions = sessions;
        this.handoffs = handoffs;
        this.cluster = cluster;
        this.metrics = metrics;
    }

    /**
     * Delivers to one route; returns false when its session on this node is gone. A session on
     * another node counts as reached: if it has gone meanwhile, that node routes the stanza as
     * undeliverable.
     */
    public boolean deliver(Route route, Packet stanza) {
        if (!local(route)) {
            metrics.clusterMessages.labelValues("sent").inc();
            String xml = stanza.toXML();
            String receipt = handoffs.hold(route.node(), stanza, xml);
            if (cluster.send(route.node(), new NodeMessage(NodeMessage.Kind.DELIVER, route.address().toString(),
                    route.streamId(), xml, receipt))) {
                return true;
            }
            if (receipt != null) {
                handoffs.confirmed(receipt);
            }
            return false; // the node has left: the caller routes elsewhere
        }
        Optional<LocalSession> session = sessions.find(route.address());
        if (session.isEmpty()) {
            return false;
        }
        session.get().deliver(stanza);
        return true;
    }

    /** Delivers to several routes, each getting its own copy; returns how many took it. */
    public int deliver(List<Route> routes, Packet stanza) {
        int delivered = 0;
        for (int i = 0; i < routes.size(); i++) {
            Packet copy = i == routes.size() - 1 ? stanza : stanza.createCopy();
            if (deliver(routes.get(i), copy)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Closes the session behind a route, wherever it is, unless its JID has been bound by another stream since. */
    public void close(Route route, StreamError error) {
        if (!local(route)) {
            cluster.send(route.node(), new NodeMessage(NodeMessage.Kind.CLOSE, route.address().toString(),
                    route.streamId(), error.toXML()));
            return;
        }
        sessions.find(route.address())
                .filter(s -> s.streamId().equals(route.streamId()))
                .ifPresent(s -> s.close(error));
    }

    /** Tells the node that handed a stanza over with a receipt that this node took it. */
    public void confirm(String receipt) {
        String node = Handoffs.nodeOf(receipt);
        if (node != null) {
            cluster.send(node, new NodeMessage(NodeMessage.Kind.CONFIRMED, null, null, receipt));
        }
    }

    /** The messages handed to other nodes for clients' stanzas being acknowledged. */
    public Handoffs handoffs() {
        return handoffs;
    }

    private boolean isMember(String node) {
        return cluster.members().stream().anyMatch(m -> m.id().equals(node));
    }

    /** Asks another node to end a resumable session whose client came back here (XEP-0198). */
    public void endResumable(String node, String resumptionId, org.xmpp.packet.JID account) {
        if (!node.equals(cluster.localNode()) && isMember(node)) {
            cluster.send(node, new NodeMessage(NodeMessage.Kind.END_RESUMABLE, null, null,
                    resumptionId + " " + account.toBareJID()));
        }
    }

    /** Asks another node to route a stanza itself (an answer to a request that node is waiting for). */
    public void routeOn(String node, Packet stanza) {
        metrics.clusterMessages.labelValues("sent").inc();
        cluster.send(node, new NodeMessage(NodeMessage.Kind.ROUTE, null, null, stanza.toXML()));
    }

    private boolean local(Route route) {
        return route.node().equals(cluster.localNode());
    }
}
