package im.parley.cluster;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * The cluster's session directory. Every node's routes live in a Hazelcast replicated map keyed
 * by full JID, so each node holds a copy and routing never waits on the network. Reads use an
 * index by bare JID, fed by the map's events and, for this node's own writes, at once: a route a
 * node has just put is what that node routes by next. Each node is the authority for its own
 * routes: it keeps them aside and writes them again when a split brain heals.
 */
final class HazelcastRoutingTable implements RoutingTable {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastRoutingTable.class);

    private final String localNode;
    private final ReplicatedMap<String, Route> entries;
    /** Bare JID -> resource -> route: what reads see. */
    private final Map<String, Map<String, Route>> index = new ConcurrentHashMap<>();
    /** This node's routes by full JID. */
    private final Map<String, Route> own = new ConcurrentHashMap<>();
    /** Nodes that left and have not come back: a replicated write of theirs arriving late is stale. */
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    /** Keys changed by events while the index is first built, which the initial scan must not overwrite. */
    private final Set<String> changedWhileLoading = new HashSet<>();
    private volatile boolean loaded;

    HazelcastRoutingTable(ReplicatedMap<String, Route> entries, String localNode) {
        this.entries = entries;
        this.localNode = localNode;
        // Listen first, then scan, so that no route written in between is missed.
        entries.addEntryListener(new Replication());
        synchronized (changedWhileLoading) {
            for (Route route : List.copyOf(entries.values())) {
                if (!changedWhileLoading.contains(key(route))) {
                    replicated(route);
                }
            }
            changedWhileLoading.clear();
            loaded = true;
        }
    }

    @Override
    public void put(Route route) {
        String key = key(route);
        if (route.node().equals(localNode)) {
            own.put(key, route);
        }
        indexPut(route);
        entries.put(key, route);
    }

    @Override
    public void remove(Route route) {
        String key = key(route);
        Predicate<Route> sameStream = r -> Objects.equals(r.streamId(), route.streamId());
        indexRemove(route.address(), sameStream);
        own.computeIfPresent(key, (k, r) -> sameStream.test(r) ? null : r);
        removeStored(key, sameStream);
    }

    @Override
    public Optional<Route> route(JID full) {
        Map<String, Route> resources = index.get(full.toBareJID());
        return resources == null || full.getResource() == null ? Optional.empty()
                : Optional.ofNullable(resources.get(full.getResource()));
    }

    @Override
    public List<Route> routes(JID bare) {
        Map<String, Route> resources = index.get(bare.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public Collection<Route> all() {
        List<Route> all = new ArrayList<>();
        index.values().forEach(resources -> all.addAll(resources.values()));
        return all;
    }

    /** A node (re)joined: its routes count again, including any that arrived before its membership did. */
    void memberJoined(String node) {
        departed.remove(node);
        for (Route route : List.copyOf(entries.values())) {
            if (route.node().equals(node)) {
                replicated(route);
            }
        }
    }

    /**
     * A node left: its routes leave the index and are returned. When {@code sweep} is set (on one
     * node only, the oldest, to spare the map a write per survivor) stored routes of every node
     * not in {@code live} are removed, each only while it still names that node, so that a
     * resource already bound again elsewhere keeps its new route.
     */
    List<Route> memberLeft(String node, boolean sweep, Set<String> live) {
        departed.add(node);
        Map<String, Route> lost = new LinkedHashMap<>();
        for (Route route : List.copyOf(entries.values())) {
            // Unless this node has just bound the resource again and its write is still on the way.
            if (route.node().equals(node) && route(route.address()).map(r -> r.node().equals(node)).orElse(true)) {
                lost.put(key(route), route);
            }
        }
        for (Route route : all()) {
            if (route.node().equals(node)) {
                Route removed = indexRemove(route.address(), r -> r.node().equals(node));
                if (removed != null) {
                    lost.put(key(removed), removed);
                }
            }
        }
        if (sweep) {
            removeStoredOfNodesNotIn(live);
        }
        return List.copyOf(lost.values());
    }

    /** Drops from the index the routes of nodes that are not members, as when they leave unseen. */
    void forgetNodesNotIn(Set<String> live) {
        for (Route route : all()) {
            if (!live.contains(route.node()) && !route.node().equals(localNode)) {
                departed.add(route.node());
                indexRemove(route.address(), r -> r.node().equals(route.node()));
            }
        }
    }

    /**
     * A split brain healed and this node's side merged into the other: the merged map may lack
     * this node's routes, or hold routes naming it that it does not have, or routes of nodes
     * that are gone. Write its own again, drop the rest, and rebuild the index from the result.
     */
    void merged(Set<String> live) {
        departed.removeAll(live);
        own.values().forEach(r -> entries.put(key(r), r));
        for (Route stored : List.copyOf(entries.values())) {
            Route mine = own.get(key(stored));
            boolean stale = stored.node().equals(localNode)
                    ? mine == null || !Objects.equals(mine.streamId(), stored.streamId())
                    : !live.contains(stored.node());
            if (stale) {
                removeStored(key(stored), r -> r.node().equals(stored.node())
                        && Objects.equals(r.streamId(), stored.streamId()));
            }
        }
        for (Route indexed : all()) {
            Route stored = entries.get(key(indexed));
            if (stored == null || !stored.node().equals(indexed.node())) {
                indexRemove(indexed.address(), r -> r == indexed);
            }
        }
        entries.values().forEach(this::replicated);
        own.values().forEach(this::indexPut);
        LOG.info("Routing table merged after a split brain: {} own routes written again, {} routes known",
                own.size(), entries.size());
    }

    private void removeStoredOfNodesNotIn(Set<String> live) {
        int removed = 0;
        try {
            for (Route stored : List.copyOf(entries.values())) {
                if (!live.contains(stored.node())
                        && removeStored(key(stored), r -> r.node().equals(stored.node()))) {
                    removed++;
                }
            }
        } catch (RuntimeException e) {
            // The indexes are already clean; the next departure or merge sweeps what is left here.
            LOG.warn("Could not remove all routes of departed nodes from the replicated map", e);
        }
        LOG.debug("Removed {} routes of nodes that left from the replicated map", removed);
    }

    /**
     * Removes a stored route if it still matches. The replicated map has no conditional remove,
     * so a write from another node between the read and the remove can be lost; the window is one
     * local read.
     */
    private boolean removeStored(String key, Predicate<Route> matches) {
        Route stored = entries.get(key);
        if (stored != null && matches.test(stored)) {
            entries.remove(key);
            return true;
        }
        return false;
    }

    /** A route another node wrote, as the map reports it; false if ignored. This node's own are indexed when written. */
    private boolean replicated(Route route) {
        if (route.node().equals(localNode) || departed.contains(route.node())) {
            return false;
        }
        indexPut(route);
        return true;
    }

    private void unreplicated(Route old) {
        if (!old.node().equals(localNode)) {
            indexRemove(old.address(), r -> r.node().equals(old.node()) && Objects.equals(r.streamId(), old.streamId()));
        }
    }

    private void indexPut(Route route) {
        index.compute(route.address().toBareJID(), (bare, resources) -> {
            Map<String, Route> r = resources == null ? new ConcurrentHashMap<>() : resources;
            r.put(route.address().getResource(), route);
            return r;
        });
    }

    /** Removes the index entry of a full JID if it matches; returns what was removed, or null. */
    private Route indexRemove(JID full, Predicate<Route> matches) {
        Route[] removed = new Route[1];
        index.computeIfPresent(full.toBareJID(), (bare, resources) -> {
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

    private static String key(Route route) {
        if (route.address().getResource() == null) {
            throw new IllegalArgumentException("a route is for a full JID, got " + route.address());
        }
        return route.address().toString();
    }

    /** Map events, applied in the order Hazelcast delivers them for each key. */
    private final class Replication extends EntryAdapter<String, Route> {
        @Override
        public void entryAdded(EntryEvent<String, Route> event) {
            apply(event.getKey(), () -> replicated(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, Route> event) {
            Route old = event.getOldValue();
            apply(event.getKey(), () -> {
                if (!replicated(event.getValue()) && old != null) {
                    unreplicated(old);
                }
            });
        }

        @Override
        public void entryRemoved(EntryEvent<String, Route> event) {
            Route old = event.getOldValue();
            if (old != null) {
                apply(event.getKey(), () -> unreplicated(old));
            }
        }

        private void apply(String key, Runnable change) {
            if (!loaded) {
                synchronized (changedWhileLoading) {
                    if (!loaded) {
                        changedWhileLoading.add(key);
                        change.run();
                        return;
                    }
                }
            }
            change.run();
        }
    }
}
