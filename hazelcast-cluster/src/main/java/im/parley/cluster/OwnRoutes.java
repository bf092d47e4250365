package im.parley.cluster;

import im.parley.api.routing.Route;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The routes of this node's own sessions, by full JID: this node is their authority, so it keeps
 * them aside from the shared map, writes them again when a split brain heals, and can wait until
 * the map's events for those writes have come back.
 */
final class OwnRoutes {
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Keys written again whose map event has not come back yet. */
    private final Set<String> unechoed = ConcurrentHashMap.newKeySet();

    void put(String key, Route route) {
        routes.put(key, route);
    }

    /** Removes the route of a key if it is of the given stream. */
    void remove(String key, String streamId) {
        routes.computeIfPresent(key, (k, r) -> Objects.equals(r.streamId(), streamId) ? null : r);
    }

    Route get(String key) {
        return routes.get(key);
    }

    /** Whether this node has a route for the key of the given stream. */
    boolean has(String key, String streamId) {
        Route mine = routes.get(key);
        return mine != null && Objects.equals(mine.streamId(), streamId);
    }

    Collection<Route> all() {
        return List.copyOf(routes.values());
    }

    /** Writes every route again through {@code write}, expecting each write's event. */
    int writeAgain(BiConsumer<String, Route> write) {
        unechoed.clear();
        int written = 0;
        for (Map.Entry<String, Route> route : routes.entrySet()) {
            unechoed.add(route.getKey());
            write.accept(route.getKey(), route.getValue());
            written++;
        }
        return written;
    }

    /** The map's event for a write of this node's route of the key came back. */
    void echoed(String key) {
        if (unechoed.remove(key) && unechoed.isEmpty()) {
            synchronized (unechoed) {
                unechoed.notifyAll();
            }
        }
    }

    /**
     * Waits until the events of the last {@link #writeAgain} have come back, or the deadline
     * ({@link System#nanoTime()}) has passed; returns whether they have.
     */
    boolean awaitEchoes(long deadline) {
        synchronized (unechoed) {
            try {
                for (long left = deadline - System.nanoTime(); !unechoed.isEmpty() && left > 0;
                        left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(unechoed, left);
                }
            } catch (InterruptedException e) {
                // The member is shutting down.
                Thread.currentThread().interrupt();
            }
            return unechoed.isEmpty();
        }
    }
}
