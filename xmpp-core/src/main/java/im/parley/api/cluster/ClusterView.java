package im.parley.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cluster-wide state for modules: the members, shared maps, counters and notices. In single-node
 * mode the same calls work on local data, so a module is written once.
 */
public interface ClusterView {

    /** This node's id. */
    String localNode();

    /** The current members, oldest first. */
    List<ClusterMember> members();

    /** A named map shared by every node. */
    SharedMap map(String name);

    /**
     * Adds {@code delta} to a counter and returns its new value. A counter that does not exist
     * starts at zero and lives for {@code window}, then starts again (fixed-window rate limits).
     */
    long increment(String name, String key, long delta, Duration window);

    /**
     * Sends a short text to the listeners of a channel on every node, this one included. Listeners
     * run later on a cluster thread (at once, on the calling thread, in single-node mode), so they
     * must be quick and must not assume which.
     */
    void notice(String channel, String message);

    /** Listens to a channel's notices; returns what stops listening. */
    AutoCloseable onNotice(String channel, Consumer<String> listener);
}
