package im.parley.cluster;

import im.parley.api.cluster.ClusterListener;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.routing.Route;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ClusterListener} that keeps what it is told, messages grouped by their target. */
final class RecordingListener implements ClusterListener {
    private final Map<String, Queue<NodeMessage>> messages = new ConcurrentHashMap<>();
    private final List<ClusterMember> joined = new CopyOnWriteArrayList<>();
    private final Map<String, List<Route>> left = new ConcurrentHashMap<>();
    private final AtomicInteger merges = new AtomicInteger();

    @Override
    public void received(NodeMessage message) {
        messages.computeIfAbsent(message.target(), t -> new ConcurrentLinkedQueue<>()).add(message);
    }

    @Override
    public void memberJoined(ClusterMember member) {
        joined.add(member);
    }

    @Override
    public void memberLeft(ClusterMember member, List<Route> routes) {
        left.put(member.id(), List.copyOf(routes));
    }

    @Override
    public void merged() {
        merges.incrementAndGet();
    }

    /** How many times this node reported merging back after a split brain. */
    int merges() {
        return merges.get();
    }

    /** The payloads received for one target, in arrival order. */
    List<String> payloads(String target) {
        return messages.getOrDefault(target, new ConcurrentLinkedQueue<>()).stream().map(NodeMessage::payload).toList();
    }

    boolean sawJoin(String node) {
        return joined.stream().anyMatch(m -> m.id().equals(node));
    }

    /** The routes reported with a node's departure, or null if it has not been reported. */
    List<Route> leftWith(String node) {
        return left.get(node);
    }
}
