package im.parley.cluster;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    /** What reads see. */
    private final RouteIndex index = new RouteIndex();
    private final OwnRoutes own = new OwnRoutes();
    /** Nodes that left and have not come back: a replicated write of theirs arriving late is stale. */
    private final Set<String> departed = ConcurrentHashMap.newKeySet();

    HazelcastRoutingTable(ReplicatedMap<String, Route> entries, String localNode) {
        this.entries = entries;
        this.localNode = localNode;
        // Listen first, then scan, so that no route written in between is missed.
        index.startTracking();
        entries.addEntryListener(new Replication());
        index.bySnapshot(changed -> List.copyOf(entries.values()).stream()
                .filter(r -> !changed.test(key(r))).forEach(this::replicated));
        index.stopTracking();
    }

    @Override
    public void put(Route route) {
        String key = key(route);
        if (route.node().equals(localNode)) {
            own.put(key, route);
        }
        index.put(route);
        entries.put(key, route);
    }

    @Override
    public void remove(Route route) {
        String key = key(route);
        Predicate<Route> sameStream = r -> Objects.equals(r.streamId(), route.streamId());
        index.remove(route.address(), sameStream);
        own.remove(key, route.streamId());
        removeStored(key, sameStream);
    }

    @Override
    public Optional<Route> route(JID full) {
        return index.route(full);
    }

    @Override
    public List<Route> routes(JID bare) {
        return index.routes(bare);
    }

    @Override
    public Collection<Route> all() {
        return index.all();
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
                Route removed = index.remove(route.address(), r -> r.node().equals(node));
                if (removed != null) {
                    lost.put(key(removed), removed);
                }
            }
        }
        if (sweep) {
            sweep(live);
        }
        return List.copyOf(lost.values());
    }

    /** Drops from the index the routes of nodes that are not members, as when they leave unseen. */
    void forgetNodesNotIn(Set<String> live) {
        for (Route route : all()) {
            if (!live.contains(route.node()) && !route.node().equals(localNode)) {
                departed.add(route.node());
                index.remove(route.address(), r -> r.node().equals(route.node()));
            }
        }
    }

    /**
     * This node merged back after a split brain, once Hazelcast has merged the map: writing its
     * routes again wins over whatever the merge brought back. Its copy of the map was emptied and
     * fills in again later without events, so other nodes' routes come from {@link #takeAnswer}.
     */
    void merged(Set<String> live) {
        departed.removeAll(live);
        forgetNodesNotIn(live);
        int written = own.writeAgain((key, route) -> {
            index.put(route);
            entries.put(key, route);
        });
        LOG.info("Routing table merged after a split brain: {} own routes written again", written);
    }

    /** Waits until the events of what {@link #merged} wrote have come back (see {@link OwnRoutes#awaitEchoes}). */
    boolean awaitEchoes(long deadline) {
        return own.awaitEchoes(deadline);
    }

    /** What this node tells a node that merged: its own routes, and the stored ones naming that node. */
    List<Route> answerFor(String merged) {
        List<Route> answer = new ArrayList<>(own.all());
        entries.values().stream().filter(r -> r.node().equals(merged)).forEach(answer::add);
        return answer;
    }

    /** Answers are about to be asked for: from now on the index notes the keys that events change. */
    void expectAnswers() {
        index.startTracking();
    }

    /** Every answer is in, or no longer awaited: events alone feed the index again. */
    void answersTaken() {
        index.stopTracking();
    }

    /**
     * Takes another node's {@link #answerFor answer} after this node merged: the index holds that
     * node's own routes as it listed them (a key an event changed since {@link #expectAnswers()}
     * keeps the event's), and stored routes naming this node that it does not have are removed.
     */
    void takeAnswer(String node, List<Route> answer) {
        Map<String, Route> theirs = new HashMap<>();
        for (Route route : answer) {
            if (route.node().equals(node)) {
                theirs.put(key(route), route);
            } else if (route.node().equals(localNode)) {
                removeStaleOwn(route);
            }
        }
        index.bySnapshot(changed -> {
            for (Route indexed : all()) {
                String key = key(indexed);
                if (indexed.node().equals(node) && !theirs.containsKey(key) && !changed.test(key)) {
                    index.remove(indexed.address(), r -> r.node().equals(node));
                }
            }
            for (Route route : theirs.values()) {
                // This node's own route stays what it routes by, as when it writes one.
                if (!changed.test(key(route)) && own.get(key(route)) == null) {
                    replicated(route);
                }
            }
        });
    }

    /**
     * Removes a stored route naming this node that it does not have. This node's copy of the map
     * may lack it, so the remove is blind, and undone if it removed a newer write.
     */
    private void removeStaleOwn(Route stale) {
        if (own.has(key(stale), stale.streamId())) {
            return;
        }
        Route removed = entries.remove(key(stale));
        if (removed != null && !(removed.node().equals(localNode) && Objects.equals(removed.streamId(), stale.streamId()))) {
            entries.put(key(stale), removed);
        }
    }

    /** Removes stored routes of every node not in {@code live}; done by one node, the oldest. */
    void sweep(Set<String> live) {
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

    /** A route as the map reports it; false if the index ignores it. */
    private boolean replicated(Route route) {
        if (route.node().equals(localNode)) {
            return echoed(route);
        }
        if (departed.contains(route.node())) {
            return false;
        }
        index.put(route);
        return true;
    }

    /**
     * A write of this node's came back. Its routes are indexed when written, but another node's
     * write of the key may have been reported since (a merge's can be): the index shows this
     * node's current route again.
     */
    private boolean echoed(Route route) {
        String key = key(route);
        Route mine = own.get(key);
        if (mine != null) {
            index.put(mine);
        }
        own.echoed(key);
        return mine != null;
    }

    private void unreplicated(Route old) {
        if (!old.node().equals(localNode)) {
            index.remove(old.address(), r -> r.node().equals(old.node()) && Objects.equals(r.streamId(), old.streamId()));
        }
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
            index.byEvent(event.getKey(), () -> replicated(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, Route> event) {
            Route old = event.getOldValue();
            index.byEvent(event.getKey(), () -> {
                if (!replicated(event.getValue()) && old != null) {
                    unreplicated(old);
                }
            });
        }

        @Override
        public void entryRemoved(EntryEvent<String, Route> event) {
            Route old = event.getOldValue();
            if (old != null) {
                index.byEvent(event.getKey(), () -> unreplicated(old));
            }
        }
    }
}
