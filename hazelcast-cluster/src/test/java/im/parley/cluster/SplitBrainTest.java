package im.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.routing.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;

/**
 * Two clusters that should be one heal into one, as after a network split: Hazelcast's own
 * split-brain merge (every {@link TestNodes#MERGE_INTERVAL}), the split made with public
 * configuration only. Each test says how it makes its split.
 */
@Timeout(60)
class SplitBrainTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestNodes nodes = new TestNodes();
    private final List<TcpRelay> relays = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.close();
        relays.forEach(TcpRelay::close);
    }

    /**
     * Two clusters that never were one. Both nodes have the same cluster name and secret, but a
     * lists a and b as members while b lists only itself. a starts first and, b not being up,
     * forms a cluster alone; b starts next and, knowing no other address, forms a cluster of its
     * own. Each has routes the other lacks, as on the two sides of a split. Only a looks for b.
     * Hazelcast merges the smaller cluster into the larger and, between clusters of one size, the
     * one whose master's "host:port" sorts higher into the other (the other way round nothing would
     * happen, b never looking for a), so a gets the port that sorts higher and merges into b's cluster.
     */
    @Test
    void theMergedNodeWritesItsRoutesAgainTakesInTheOthersAndTellsItsListener() {
        int first = nodes.port();
        int second = nodes.port();
        boolean firstSortsHigher = ("127.0.0.1:" + first).compareTo("127.0.0.1:" + second) > 0;
        int aPort = firstSortsHigher ? first : second;
        int bPort = firstSortsHigher ? second : first;

        HazelcastCluster a = nodes.startListing(aPort, List.of(aPort, bPort));
        RecordingListener aListener = new RecordingListener();
        a.start(aListener);
        Route alice = route(user() + "/balcony", a, "a1");
        a.routingTable().put(alice);
        // The same resource bound on both sides: a's route must win, though the merge keeps b's.
        String both = user() + "/phone";
        Route onA = route(both, a, "a2");
        a.routingTable().put(onA);

        HazelcastCluster b = nodes.startListing(bPort, List.of(bPort));
        RecordingListener bListener = new RecordingListener();
        b.start(bListener);
        Route bob = route(user() + "/garden", b, "b1");
        b.routingTable().put(bob);
        b.routingTable().put(route(both, b, "b2"));
        // A route naming a that a does not have, as a side's cleanup can leave behind.
        Route stale = route(user() + "/gone", a, "a0");
        b.routingTable().put(stale);
        assertEquals(1, a.members().size(), "a still alone when b's routes were put");
        assertEquals(1, b.members().size(), "b still alone when its routes were put");

        Await.until(WAIT, "a merged into b's cluster", () -> aListener.merges() == 1);
        assertEquals(2, a.members().size());
        Await.until(WAIT, "b sees a", () -> b.members().size() == 2);
        assertEquals(0, bListener.merges(), "b did not merge");

        // a's listener is told only once a knows every route: b's too, and the stale one is gone.
        assertEquals(Optional.of(alice), a.routingTable().route(alice.address()));
        assertEquals(Optional.of(onA), a.routingTable().route(onA.address()));
        assertEquals(Optional.of(bob), a.routingTable().route(bob.address()));
        assertEquals(Optional.empty(), a.routingTable().route(stale.address()));

        Await.until(WAIT, "a's routes on b", () -> b.routingTable().route(alice.address()).equals(Optional.of(alice))
                && b.routingTable().route(onA.address()).equals(Optional.of(onA)));
        Await.until(WAIT, "the stale route gone from b", () -> b.routingTable().route(stale.address()).isEmpty());
        assertEquals(Optional.of(bob), b.routingTable().route(bob.address()));
        for (HazelcastCluster node : List.of(a, b)) {
            assertEquals(List.of(onA), node.routingTable().routes(new JID(onA.address().toBareJID())));
            assertEquals(List.of(bob), node.routingTable().routes(new JID(bob.address().toBareJID())));
            assertTrue(node.routingTable().all().containsAll(List.of(alice, onA, bob)), node.localNode());
        }
    }

    /**
     * A cluster of two that really splits: each node is reached only through a {@link TcpRelay}
     * (its public address), and cutting both relays parts them. Each side then sees the other
     * leave with its routes and sweeps them from its map; mending the relays lets the two find
     * each other again (each lists the other), and whichever Hazelcast picks merges into the other.
     */
    @Test
    void routesSweptWhileSplitComeBackOnBothSides() {
        int aPort = nodes.port();
        int bPort = nodes.port();
        int aRelay = nodes.port();
        int bRelay = nodes.port();
        relays.add(new TcpRelay(aRelay, aPort));
        // b's relay not listening yet, a finds nobody at once instead of waiting on a relay to nowhere.
        HazelcastCluster a = nodes.startListing(aPort, aRelay, List.of(bRelay));
        relays.add(new TcpRelay(bRelay, bPort));
        HazelcastCluster b = nodes.startListing(bPort, bRelay, List.of(aRelay));
        RecordingListener aListener = new RecordingListener();
        RecordingListener bListener = new RecordingListener();
        a.start(aListener);
        b.start(bListener);
        Await.until(WAIT, "one cluster of two", () -> a.members().size() == 2 && b.members().size() == 2);
        Route alice = route(user() + "/balcony", a, "a1");
        Route bob = route(user() + "/garden", b, "b1");
        a.routingTable().put(alice);
        b.routingTable().put(bob);
        Await.until(WAIT, "both routes on both", () -> a.routingTable().route(bob.address()).isPresent()
                && b.routingTable().route(alice.address()).isPresent());

        relays.forEach(TcpRelay::cut);
        Await.until(WAIT, "the split", () -> aListener.leftWith(b.localNode()) != null
                && bListener.leftWith(a.localNode()) != null);
        assertEquals(List.of(bob), aListener.leftWith(b.localNode()));
        assertEquals(List.of(alice), bListener.leftWith(a.localNode()));
        assertEquals(Optional.empty(), b.routingTable().route(alice.address()));
        Route carol = route(user() + "/phone", a, "a2");
        Route dave = route(user() + "/desk", b, "b2");
        a.routingTable().put(carol);
        b.routingTable().put(dave);

        relays.forEach(TcpRelay::mend);
        Await.until(WAIT, "the merge", () -> aListener.merges() + bListener.merges() == 1);
        HazelcastCluster merged = aListener.merges() == 1 ? a : b;
        for (Route route : List.of(alice, bob, carol, dave)) {
            assertEquals(Optional.of(route), merged.routingTable().route(route.address()), "on the merged node");
        }
        HazelcastCluster other = merged == a ? b : a;
        Await.until(WAIT, "every route on the other node", () -> Stream.of(alice, bob, carol, dave)
                .allMatch(r -> other.routingTable().route(r.address()).equals(Optional.of(r))));
        assertEquals(2, other.members().size());
        assertEquals(0, (merged == a ? bListener : aListener).merges(), "one side merged");
    }

    private static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static Route route(String full, HazelcastCluster node, String streamId) {
        return new Route(new JID(full), node.localNode(), streamId, true, 0, null, Set.of());
    }
}
