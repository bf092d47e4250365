package im.parley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.topic.ITopic;
import im.parley.api.cluster.Cluster;
import im.parley.api.cluster.ClusterListener;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.ConcurrentSharedMap;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.cluster.SharedMap;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster of Parley nodes, through an embedded Hazelcast member: a replicated routing table,
 * one ordered topic per node for node-to-node messages, membership events, and Hazelcast maps and
 * topics behind the shared maps, counters and notices that modules use.
 */
public final class HazelcastCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastCluster.class);

    private final HazelcastInstance hazelcast;
    private final String localNode;
    private final HazelcastRoutingTable routes;
    private final RouteExchange exchange;
    /** How long a node that merged back waits for the others' routes before it tells the listener. */
    private final Duration answerTimeout;
    private final ListenerGate gate = new ListenerGate();
    /**
     * Each node listens on {@value HazelcastSettings#NODE_STRIPES} topics, so that several of
     * Hazelcast's event threads take its traffic; a message's stripe follows its target session,
     * so what one sender sends one recipient stays in order.
     */
    private final Map<String, List<ITopic<NodeMessage>>> nodeTopics = new ConcurrentHashMap<>();

    private HazelcastCluster(HazelcastInstance hazelcast, String localNode, Duration answerTimeout) {
        this.hazelcast = hazelcast;
        this.localNode = localNode;
        this.answerTimeout = answerTimeout;
        this.routes = new HazelcastRoutingTable(hazelcast.getReplicatedMap(HazelcastSettings.ROUTES_MAP), localNode);
        this.exchange = new RouteExchange(hazelcast, localNode, routes);
        hazelcast.getCluster().addMembershipListener(new Membership());
        // A node that left before the listener was there sends no event; its routes go now.
        routes.forgetNodesNotIn(liveNodes());
        hazelcast.getLifecycleService().addLifecycleListener(this::lifecycle);
        for (ITopic<NodeMessage> stripe : stripes(localNode)) {
            stripe.addMessageListener(m -> gate.deliver(l -> l.received(m.getMessageObject())));
        }
    }

    private List<ITopic<NodeMessage>> stripes(String node) {
        List<ITopic<NodeMessage>> topics = new ArrayList<>();
        for (int i = 0; i < HazelcastSettings.NODE_STRIPES; i++) {
            topics.add(hazelcast.getTopic(HazelcastSettings.NODE_TOPIC_PREFIX + node + "." + i));
        }
        return List.copyOf(topics);
    }

    /**
     * Starts this node's Hazelcast member and joins the cluster its config names; returns once
     * joined (or alone, when no listed member answers). Messages and membership changes are held
     * until {@link #start(ClusterListener)}.
     *
     * @throws IllegalArgumentException if the config does not enable the cluster
     */
    public static HazelcastCluster start(ClusterConfig config) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("cluster.enabled is false; a server running alone uses the local cluster");
        }
        // Not the member UUID: Hazelcast gives a member a new one when it merges after a split brain.
        String nodeId = UUID.randomUUID().toString();
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(HazelcastSettings.build(config, nodeId));
        try {
            HazelcastCluster cluster = new HazelcastCluster(hazelcast, nodeId, config.failureTimeout());
            LOG.info("Joined cluster '{}' as node {} with {} members", config.name(), nodeId,
                    hazelcast.getCluster().getMembers().size());
            return cluster;
        } catch (RuntimeException e) {
            hazelcast.getLifecycleService().terminate();
            throw e;
        }
    }

    @Override
    public String localNode() {
        return localNode;
    }

    @Override
    public List<ClusterMember> members() {
        // Hazelcast's member set is in join order, oldest first.
        return hazelcast.getCluster().getMembers().stream().map(HazelcastCluster::member).toList();
    }

    @Override
    public RoutingTable routingTable() {
        return routes;
    }

    @Override
    public boolean send(String node, NodeMessage message) {
        if (!isMember(node)) {
            LOG.debug("Dropped a {} message for node {}, which is not a member", message.kind(), node);
            return false;
        }
        List<ITopic<NodeMessage>> topics = nodeTopics.computeIfAbsent(node, this::stripes);
        int stripe = message.target() == null ? 0 : Math.floorMod(message.target().hashCode(), topics.size());
        topics.get(stripe).publish(message);
        return true;
    }

    @Override
    public void start(ClusterListener listener) {
        gate.open(listener);
    }

    @Override
    public SharedMap map(String name) {
        return new ConcurrentSharedMap(hazelcast.getMap(HazelcastSettings.SHARED_MAP_PREFIX + name));
    }

    @Override
    public long increment(String name, String key, long delta, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a counter's window must be positive, got " + window);
        }
        CounterIncrement step = new CounterIncrement(delta, Math.max(1, window.toMillis()));
        return hazelcast.<String, CounterIncrement.Window>getMap(HazelcastSettings.COUNTER_MAP_PREFIX + name)
                .executeOnKey(key, step);
    }

    @Override
    public void notice(String channel, String message) {
        hazelcast.<String>getTopic(HazelcastSettings.NOTICE_TOPIC_PREFIX + channel).publish(message);
    }

    @Override
    public AutoCloseable onNotice(String channel, Consumer<String> listener) {
        ITopic<String> topic = hazelcast.getTopic(HazelcastSettings.NOTICE_TOPIC_PREFIX + channel);
        UUID id = topic.addMessageListener(m -> {
            try {
                listener.accept(m.getMessageObject());
            } catch (RuntimeException e) {
                LOG.warn("A listener of cluster notices on '{}' failed", channel, e);
            }
        });
        return () -> topic.removeMessageListener(id);
    }

    /** Leaves the cluster gracefully: Hazelcast hands this member's partitions to the others first. */
    @Override
    public void close() {
        gate.close();
        if (hazelcast.getLifecycleService().isRunning()) {
            LOG.info("Leaving the cluster as node {}", localNode);
            hazelcast.shutdown();
        }
    }

    /** The embedded member, for tests that need to kill it abruptly. */
    /** Not ready while the Hazelcast member is not running (stopped, or shut down after a failure). */
    @Override
    public java.util.Optional<String> problem() {
        return hazelcast.getLifecycleService().isRunning() ? java.util.Optional.empty()
                : java.util.Optional.of("the cluster member is not running");
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    private boolean isMember(String node) {
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (HazelcastSettings.nodeId(member).equals(node)) {
                return true;
            }
        }
        return false;
    }

    private Set<String> liveNodes() {
        return hazelcast.getCluster().getMembers().stream().map(HazelcastSettings::nodeId).collect(Collectors.toSet());
    }

    private boolean isOldest() {
        return hazelcast.getCluster().getMembers().iterator().next().localMember();
    }

    private void lifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case MERGING -> LOG.warn("A split brain is healing: node {} merges into the other side", localNode);
            case MERGED -> merged();
            case MERGE_FAILED -> LOG.error("Node {} could not merge after a split brain; it stays on its own", localNode);
            default -> {
                // Starting and shutting down are logged where Parley starts and stops the member.
            }
        }
    }

    /**
     * This node merged back after a split brain, on Hazelcast's merge thread once the merge itself
     * is done (Hazelcast fires MERGED after its merge tasks): write this node's routes again, take
     * in the other nodes' routes, wait for this node's writes to show in the index, then tell the
     * listener.
     */
    private void merged() {
        Set<String> live = liveNodes();
        try {
            routes.merged(live);
        } catch (RuntimeException e) {
            LOG.error("Node {} could not restore its routes after a split brain", localNode, e);
            return;
        }
        long deadline = System.nanoTime() + answerTimeout.toNanos();
        Set<String> others = new HashSet<>(live);
        others.remove(localNode);
        Set<String> silent = exchange.exchange(others, deadline);
        if (!silent.isEmpty()) {
            LOG.warn("Nodes {} sent no routes within {} after the merge; their sessions show here as they change",
                    silent, answerTimeout);
        }
        if (!routes.awaitEchoes(deadline)) {
            LOG.warn("Node {} wrote its routes again after the merge but not all came back within {}",
                    localNode, answerTimeout);
        }
        LOG.info("Node {} merged back into a cluster of {} members", localNode, live.size());
        gate.deliver(ClusterListener::merged);
    }

    private static ClusterMember member(Member member) {
        return new ClusterMember(HazelcastSettings.nodeId(member),
                member.getAddress().getHost() + ":" + member.getAddress().getPort(), member.localMember());
    }

    /** Hazelcast's membership events, turned into the routing table's cleanup and the listener's calls. */
    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            ClusterMember member = member(event.getMember());
            routes.memberJoined(member.id());
            gate.deliver(l -> l.memberJoined(member));
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            ClusterMember member = member(event.getMember());
            nodeTopics.remove(member.id());
            exchange.memberLeft(member.id());
            List<Route> lost = routes.memberLeft(member.id(), isOldest(), liveNodes());
            LOG.info("Node {} at {} left the cluster with {} routes", member.id(), member.address(), lost.size());
            gate.deliver(l -> l.memberLeft(member, lost));
        }
    }
}
