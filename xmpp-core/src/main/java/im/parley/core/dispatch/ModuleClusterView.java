package im.parley.core.dispatch;

import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.ClusterView;
import im.parley.api.cluster.SharedMap;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A module's view of the cluster: notice listeners it adds are removed when it stops. */
final class ModuleClusterView implements ClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleClusterView.class);

    private final ClusterView cluster;
    private final Consumer<Runnable> undo;

    ModuleClusterView(ClusterView cluster, Consumer<Runnable> undo) {
        this.cluster = cluster;
        this.undo = undo;
    }

    @Override
    public String localNode() {
        return cluster.localNode();
    }

    @Override
    public List<ClusterMember> members() {
        return cluster.members();
    }

    @Override
    public SharedMap map(String name) {
        return cluster.map(name);
    }

    @Override
    public long increment(String name, String key, long delta, Duration window) {
        return cluster.increment(name, key, delta, window);
    }

    @Override
    public void notice(String channel, String message) {
        cluster.notice(channel, message);
    }

    @Override
    public AutoCloseable onNotice(String channel, Consumer<String> listener) {
        AutoCloseable registration = cluster.onNotice(channel, listener);
        undo.accept(() -> {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.debug("Could not stop listening to cluster notices on '{}'", channel, e);
            }
        });
        return registration;
    }
}
