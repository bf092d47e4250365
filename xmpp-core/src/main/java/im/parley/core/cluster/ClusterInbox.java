package im.parley.core.cluster;

import im.parley.api.Scheduler;
import im.parley.api.cluster.Cluster;
import im.parley.api.cluster.ClusterListener;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.event.ClusterMerged;
import im.parley.api.event.MemberJoined;
import im.parley.api.event.MemberLeft;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import im.parley.api.routing.Router;
import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import im.parley.api.xml.XmlText;
import im.parley.core.dispatch.EventBus;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.routing.Handoffs;
import im.parley.core.routing.RouteDelivery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * What other nodes send this one: stanzas for its sessions, stanzas to route, sessions to close,
 * and members coming and going. Deliveries are writes to a session's queue and happen at once, in
 * the order they arrive; anything that runs module code (routing, membership events) moves to the
 * shared scheduler so the cluster's receiving thread never waits on storage.
 */
public final class ClusterInbox implements ClusterListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInbox.class);

    private final Cluster cluster;
    private final Sessions sessions;
    private final Router router;
    private final RouteDelivery delivery;
    private final EventBus events;
    private final Scheduler scheduler;
    private final ServerMetrics metrics;

    public ClusterInbox(Cluster cluster, Sessions sessions, Router router, RouteDelivery delivery, EventBus events,
                        Scheduler scheduler, ServerMetrics metrics) {
        this.cluster = cluster;
        this.delivery = delivery;
        this.sessions = sessions;
        this.router = router;
        this.events = events;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    public void received(NodeMessage message) {
        metrics.clusterMessages.labelValues("received").inc();
        try {
            switch (message.kind()) {
                case DELIVER -> deliver(message);
                case ROUTE -> later(() -> router.route(XmlText.stanza(message.payload())));
                case CLOSE -> session(message).ifPresent(s -> s.close(new StreamError(XmlText.parse(message.payload()))));
                case END_RESUMABLE -> endResumable(message.payload());
                case CONFIRMED -> delivery.handoffs().confirmed(message.payload());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not handle a {} message from another node", message.kind(), e);
        }
    }

    private void deliver(NodeMessage message) {
        Packet stanza = XmlText.stanza(message.payload());
        Optional<LocalSession> session = session(message);
        if (session.isPresent()) {
            try {
                session.get().deliver(stanza);
            } finally {
                confirm(message); // also after a failure: the sender's acks must not wait for ever
            }
            return;
        }
        // The session ended while the stanza travelled. This node is the authority for its own
        // routes, so a stale one naming it goes first; routing then finds the resource gone.
        JID target = new JID(message.target());
        RoutingTable routes = cluster.routingTable();
        routes.route(target).filter(r -> r.node().equals(cluster.localNode())).ifPresent(routes::remove);
        later(() -> {
            try {
                router.route(stanza);
            } finally {
                confirm(message);
            }
        });
    }

    /** The sender's node waits to acknowledge the message to its client (XEP-0198) until it is taken here. */
    private void confirm(NodeMessage message) {
        if (message.receipt() != null) {
            delivery.confirm(message.receipt());
        }
    }

    /** Only the account's own client may end its session from another node. */
    private void endResumable(String payload) {
        String[] idAndAccount = payload.split(" ", 2);
        sessions.resumableSession(idAndAccount[0])
                .filter(s -> idAndAccount.length == 2 && s.address() != null && s.address().toBareJID().equals(idAndAccount[1]))
                .ifPresent(s -> s.close(new StreamError(StreamError.Condition.conflict, "the client came back on another node", "en")));
    }

    private Optional<LocalSession> session(NodeMessage message) {
        return sessions.find(new JID(message.target()))
                .filter(s -> message.streamId() == null || s.streamId().equals(message.streamId()));
    }

    @Override
    public void memberJoined(ClusterMember member) {
        LOG.info("Cluster member {} at {} joined", member.id(), member.address());
        metrics.clusterMembers.set(cluster.members().size());
        later(() -> events.publish(new MemberJoined(member)));
    }

    @Override
    public void memberLeft(ClusterMember member, List<Route> routes) {
        List<ClusterMember> members = cluster.members();
        boolean cleanup = !members.isEmpty() && members.get(0).local();
        LOG.info("Cluster member {} at {} left with {} sessions{}", member.id(), member.address(), routes.size(),
                cleanup ? "; telling their contacts" : "");
        metrics.clusterMembers.set(members.size());
        later(() -> events.publish(new MemberLeft(member, List.copyOf(routes), cleanup)));
        later(() -> rerouteUnconfirmed(member));
    }

    /**
     * Messages handed to the lost node that it never confirmed are routed again here: its sessions
     * are gone from the directory, so they reach the recipient's other sessions or offline storage.
     */
    private void rerouteUnconfirmed(ClusterMember member) {
        List<Handoffs.Pending> lost = delivery.handoffs().takeFor(member.id());
        if (!lost.isEmpty()) {
            LOG.info("Routing again {} messages that node {} had not confirmed", lost.size(), member.id());
        }
        for (Handoffs.Pending handoff : lost) {
            try {
                router.route(handoff.stanza());
            } catch (RuntimeException e) {
                LOG.warn("Could not route again a message that node {} had not confirmed", member.id(), e);
            }
            handoff.release();
        }
    }

    @Override
    public void merged() {
        LOG.warn("This node merged back into the cluster after a split brain; re-announcing its sessions");
        metrics.clusterMembers.set(cluster.members().size());
        later(() -> events.publish(new ClusterMerged()));
    }

    private void later(Runnable task) {
        scheduler.schedule(Duration.ZERO, () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Handling a message from another node failed", e);
            }
        });
    }
}
