package im.parley.core.cluster;

import im.parley.api.cluster.Cluster;
import im.parley.api.cluster.ClusterListener;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.ConcurrentSharedMap;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.cluster.SharedMap;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import im.parley.core.routing.LocalRoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster of a server running alone: one member, a local routing table, and shared values
 * that are simply this node's. The default; it starts nothing.
 */
public final class LocalCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    /** Above this many counters, expired ones are dropped when the next one is touched. */
    private static final int COUNTER_SWEEP_SIZE = 10_000;
    private static final ClusterMember SELF = new ClusterMember(Route.LOCAL_NODE, "localhost", true);

    private record Window(Instant end, long value) {
    }

    private final Clock clock;
    private final RoutingTable routes = new LocalRoutingTable();
    private final Map<String, SharedMap> maps = new ConcurrentHashMap<>();
    private final Map<String, Window> counters = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<String>>> notices = new ConcurrentHashMap<>();

    public LocalCluster(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String localNode() {
        return Route.LOCAL_NODE;
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(SELF);
    }

    @Override
    public RoutingTable routingTable() {
        return routes;
    }

    @Override
    public SharedMap map(String name) {
        return maps.computeIfAbsent(name, n -> new ConcurrentSharedMap(new ConcurrentHashMap<>()));
    }

    @Override
    public long increment(String name, String key, long delta, Duration window) {
        Instant now = clock.instant();
        if (counters.size() > COUNTER_SWEEP_SIZE) {
            counters.values().removeIf(w -> !w.end().isAfter(now));
        }
        return counters.compute(name + '\u0000' + key, (k, w) -> w == null || !w.end().isAfter(now)
                ? new Window(now.plus(window), delta) : new Window(w.end(), w.value() + delta)).value();
    }

    @Override
    public void notice(String channel, String message) {
        for (Consumer<String> listener : notices.getOrDefault(channel, List.of())) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("A listener of cluster notices on '{}' failed", channel, e);
            }
        }
    }

    @Override
    public AutoCloseable onNotice(String channel, Consumer<String> listener) {
        notices.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> notices.get(channel).remove(listener);
    }

    @Override
    public boolean send(String node, NodeMessage message) {
        throw new IllegalStateException("no node '" + node + "' in a single-node server");
    }

    @Override
    public void start(ClusterListener listener) {
        // Nothing arrives from elsewhere.
    }

    @Override
    public void close() {
        // Nothing to leave.
    }
}
