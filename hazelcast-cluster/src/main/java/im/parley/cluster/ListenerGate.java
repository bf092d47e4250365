package im.parley.cluster;

import im.parley.api.cluster.ClusterListener;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back what arrives for the {@link ClusterListener} until the server starts listening, then
 * hands it over in arrival order. Hazelcast's listeners are registered when the member starts, so
 * that no message or departure is missed while the server is still being built.
 */
final class ListenerGate {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerGate.class);

    private final Queue<Consumer<ClusterListener>> pending = new ArrayDeque<>();
    /** Set once the pending calls are delivered; calls that find it set skip the lock. */
    private volatile ClusterListener listener;
    private volatile boolean closed;

    void open(ClusterListener target) {
        synchronized (pending) {
            if (listener != null) {
                throw new IllegalStateException("the cluster was already started");
            }
            // Calls arriving meanwhile wait on the lock, so they follow the buffered ones.
            for (Consumer<ClusterListener> call = pending.poll(); call != null; call = pending.poll()) {
                run(target, call);
            }
            listener = target;
        }
    }

    void deliver(Consumer<ClusterListener> call) {
        ClusterListener target = listener;
        if (target == null) {
            synchronized (pending) {
                target = listener;
                if (target == null) {
                    if (!closed) {
                        pending.add(call);
                    }
                    return;
                }
            }
        }
        run(target, call);
    }

    /** Stops delivering: after close() the server is no longer interested. */
    void close() {
        closed = true;
        synchronized (pending) {
            pending.clear();
        }
    }

    private void run(ClusterListener target, Consumer<ClusterListener> call) {
        if (closed) {
            return;
        }
        try {
            call.accept(target);
        } catch (RuntimeException e) {
            LOG.warn("The cluster listener failed", e);
        }
    }
}
