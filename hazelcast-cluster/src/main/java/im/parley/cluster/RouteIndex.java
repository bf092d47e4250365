package im.parley.cluster;

import im.parley.api.routing.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.xmpp.packet.JID;

/**
 * What a node's routing reads: the routes it knows, by bare JID and resource, safe for concurrent
 * use. It is fed by map events one key at a time and by snapshots in bulk; while a snapshot is
 * being taken in, the keys events change are tracked so that the older snapshot does not undo them.
 */
final class RouteIndex {
    /** Bare JID -> resource -> route. */
    private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();
    /** Full JIDs that events changed since tracking started; guarded by itself. */
    private final Set<String> changedWhileTracking = new HashSet<>();
    private volatile boolean tracking;

    Optional<Route> route(JID full) {
        Map<String, Route> resources = routes.get(full.toBareJID());
        return resources == null || full.getResource() == null ? Optional.empty()
                : Optional.ofNullable(resources.get(full.getResource()));
    }

    List<Route> routes(JID bare) {
        Map<String, Route> resources = routes.get(bare.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    List<Route> all() {
        List<Route> all = new ArrayList<>();
        routes.values().forEach(resources -> all.addAll(resources.values()));
        return all;
    }

    /** Puts a route, replacing whatever the index held for its full JID. */
    void put(Route route) {
        routes.compute(route.address().toBareJID(), (bare, resources) -> {
            Map<String, Route> r = resources == null ? new ConcurrentHashMap<>() : resources;
            r.put(route.address().getResource(), route);
            return r;
        });
    }

    /** From now until {@link #stopTracking()}, remembers the keys that events change. */
    void startTracking() {
        synchronized (changedWhileTracking) {
            changedWhileTracking.clear();
            tracking = true;
        }
    }

    void stopTracking() {
        synchronized (changedWhileTracking) {
            tracking = false;
            changedWhileTracking.clear();
        }
    }

    /** Applies a map event's change to the key (a full JID). */
    void byEvent(String key, Runnable change) {
        if (tracking) {
            synchronized (changedWhileTracking) {
                if (tracking) {
                    changedWhileTracking.add(key);
                    change.run();
                    return;
                }
            }
        }
        change.run();
    }

    /**
     * Applies a snapshot, with no event applied meanwhile; {@code changes} is told which keys
     * events changed since tracking started, which it must leave alone.
     */
    void bySnapshot(Consumer<Predicate<String>> changes) {
        synchronized (changedWhileTracking) {
            changes.accept(changedWhileTracking::contains);
        }
    }

    /** Removes the route of a full JID if it matches; returns what was removed, or null. */
    Route remove(JID full, Predicate<Route> matches) {
        Route[] removed = new Route[1];
        routes.computeIfPresent(full.toBareJID(), (bare, resources) -> {
            resources.computeIfPresent(full.getResource(), (resource, existing) -> {
                if (matches.test(existing)) {
                    removed[0] = existing;
                    return null;
                }
                return existing;
            });
            return resources.isEmpty() ? null : resources;
        });
        return removed[0];
    }
}
