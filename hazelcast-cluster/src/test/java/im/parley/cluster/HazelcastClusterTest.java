package im.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.NodeMessage;
import im.parley.api.cluster.SharedMap;
import im.parley.api.routing.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Three Hazelcast-backed nodes on loopback, and extra ones that die or hold the wrong secret. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HazelcastClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestNodes nodes = new TestNodes();
    private final List<HazelcastCluster> abc = new ArrayList<>();
    private final List<RecordingListener> listeners = new ArrayList<>();

    @BeforeAll
    void startThreeNodes() {
        List<Integer> ports = List.of(nodes.port(), nodes.port(), nodes.port());
        for (int port : ports) {
            HazelcastCluster node = nodes.start(port);
            RecordingListener listener = new RecordingListener();
            node.start(listener);
            abc.add(node);
            listeners.add(listener);
        }
        Await.until(WAIT, "three members", () -> abc.stream().allMatch(n -> n.members().size() == 3));
    }

    @AfterAll
    void closeAll() {
        nodes.close();
    }

    @Test
    void aRouteIsSeenOnEveryNodeAndAtOnceOnTheNodeThatPutIt() {
        HazelcastCluster a = abc.get(0);
        Route route = route(user() + "/balcony", a, "s1");
        a.routingTable().put(route);

        assertEquals(Optional.of(route), a.routingTable().route(route.address()));
        assertEquals(List.of(route), a.routingTable().routes(route.address().asBareJID()));
        for (HazelcastCluster other : abc.subList(1, 3)) {
            Await.until(WAIT, "the route on " + other.localNode(), () -> other.routingTable().route(route.address()).isPresent());
            Route seen = other.routingTable().route(route.address()).orElseThrow();
            assertEquals(a.localNode(), seen.node());
            assertEquals("on the balcony", seen.presence().getStatus());
            assertEquals(5, seen.priority());
            assertTrue(seen.flagged("roster.interested"));
            assertEquals(1, other.routingTable().routes(new JID(route.address().toBareJID())).size());
        }
    }

    @Test
    void removingAReplacedRouteLeavesTheNewerOne() {
        HazelcastCluster a = abc.get(0);
        HazelcastCluster b = abc.get(1);
        HazelcastCluster c = abc.get(2);
        Route old = route(user() + "/phone", a, "old");
        a.routingTable().put(old);
        Await.until(WAIT, "the old route on b", () -> b.routingTable().route(old.address()).isPresent());
        Route newer = route(old.address().toString(), b, "new");
        b.routingTable().put(newer);
        Await.until(WAIT, "the newer route on a", () -> hasStream(a, old.address(), "new"));

        Await.until(WAIT, "the newer route on c", () -> hasStream(c, old.address(), "new"));

        // a's session of the old stream ends after the resource was bound again on b.
        a.routingTable().remove(old);

        for (HazelcastCluster node : abc) {
            assertTrue(hasStream(node, old.address(), "new"), "newer route kept on " + node.localNode());
        }
        b.routingTable().remove(newer);
        for (HazelcastCluster node : abc) {
            Await.until(WAIT, "no route on " + node.localNode(), () -> node.routingTable().route(old.address()).isEmpty());
        }
    }

    @Test
    void messagesFromOneSendingThreadArriveInOrder() {
        HazelcastCluster a = abc.get(0);
        String target = "order-" + UUID.randomUUID() + "@example.org/r";
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            a.send(abc.get(1).localNode(), new NodeMessage(NodeMessage.Kind.DELIVER, target, "s", Integer.toString(i)));
        }
        RecordingListener b = listeners.get(1);
        Await.until(WAIT, count + " messages on b", () -> b.payloads(target).size() >= count);
        assertEquals(IntStream.range(0, count).mapToObj(Integer::toString).toList(), b.payloads(target));
    }

    @Test
    void messagesForManySessionsTakeSeveralStripesAndEachSessionKeepsItsOrder() {
        HazelcastCluster a = abc.get(0);
        List<String> targets = IntStream.range(0, 8).mapToObj(i -> "stripe" + i + "-" + UUID.randomUUID() + "@example.org/r").toList();
        int perTarget = 2_000;
        for (int i = 0; i < perTarget; i++) {
            for (String target : targets) {
                a.send(abc.get(1).localNode(), new NodeMessage(NodeMessage.Kind.DELIVER, target, "s", Integer.toString(i)));
            }
        }
        RecordingListener b = listeners.get(1);
        for (String target : targets) {
            Await.until(WAIT, perTarget + " messages for " + target, () -> b.payloads(target).size() >= perTarget);
            assertEquals(IntStream.range(0, perTarget).mapToObj(Integer::toString).toList(), b.payloads(target), target);
        }
    }

    @Test
    void twoSendingThreadsEachKeepTheirOwnOrder() throws InterruptedException {
        HazelcastCluster a = abc.get(0);
        String target = "threads-" + UUID.randomUUID() + "@example.org/r";
        int perThread = 3_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (String name : List.of("x", "y")) {
            Thread sender = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < perThread; i++) {
                    a.send(abc.get(1).localNode(), new NodeMessage(NodeMessage.Kind.ROUTE, target, null, name + i));
                }
            }, "sender-" + name);
            sender.start();
            senders.add(sender);
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(WAIT.toMillis());
        }
        RecordingListener b = listeners.get(1);
        Await.until(WAIT, "both threads' messages on b", () -> b.payloads(target).size() >= 2 * perThread);
        for (String name : List.of("x", "y")) {
            List<String> own = b.payloads(target).stream().filter(p -> p.startsWith(name)).toList();
            assertEquals(IntStream.range(0, perThread).mapToObj(i -> name + i).toList(), own, "order of thread " + name);
        }
    }

    @Test
    void aDeadMemberLeavesWithItsRoutesWithinTheFailureTimeout() {
        HazelcastCluster d = nodes.start(nodes.port());
        for (HazelcastCluster node : abc) {
            Await.until(WAIT, "d as a member of " + node.localNode(), () -> node.members().size() == 4);
        }
        abc.get(0).send(d.localNode(), new NodeMessage(NodeMessage.Kind.CLOSE, "held@example.org/r", "s", "conflict"));
        RecordingListener dListener = new RecordingListener();
        d.start(dListener);
        Await.until(WAIT, "the message held until start", () -> dListener.payloads("held@example.org/r").size() == 1);
        listeners.forEach(l -> Await.until(WAIT, "d joined", () -> l.sawJoin(d.localNode())));

        String user = user();
        List<Route> dRoutes = List.of(route(user + "/one", d, "d1"), route(user + "/two", d, "d2"));
        dRoutes.forEach(d.routingTable()::put);
        Route rebound = route(user + "/three", d, "d3");
        d.routingTable().put(rebound);
        abc.forEach(n -> Await.until(WAIT, "d's routes", () -> n.routingTable().routes(new JID(user)).size() == 3));
        // The third resource's user reconnected to a and bound the same resource again.
        Route onA = route(rebound.address().toString(), abc.get(0), "a3");
        abc.get(0).routingTable().put(onA);
        abc.forEach(n -> Await.until(WAIT, "the rebound route", () -> hasStream(n, onA.address(), "a3")));

        long killed = System.nanoTime();
        d.hazelcast().getLifecycleService().terminate();
        Duration bound = TestNodes.FAILURE_TIMEOUT.plusSeconds(3);
        for (RecordingListener listener : listeners) {
            Await.until(bound, "d's departure", () -> listener.leftWith(d.localNode()) != null);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(took.compareTo(bound) < 0, "d left after " + took);

        Set<JID> lost = Set.of(dRoutes.get(0).address(), dRoutes.get(1).address());
        for (int i = 0; i < 3; i++) {
            HazelcastCluster node = abc.get(i);
            assertEquals(lost, Set.copyOf(listeners.get(i).leftWith(d.localNode()).stream().map(Route::address).toList()));
            assertEquals(List.of("a3"), node.routingTable().routes(new JID(user)).stream().map(Route::streamId).toList());
            assertTrue(node.routingTable().all().stream().noneMatch(r -> r.node().equals(d.localNode())));
            assertTrue(node.members().stream().noneMatch(m -> m.id().equals(d.localNode())));
        }
        abc.get(0).routingTable().remove(onA);
    }

    @Test
    void aNodeWithAnotherSecretFormsItsOwnCluster() {
        HazelcastCluster stranger = nodes.start(nodes.port(), "not the secret");
        try {
            assertEquals(1, stranger.members().size());
            assertTrue(stranger.members().get(0).local());
            for (HazelcastCluster node : abc) {
                assertEquals(3, node.members().size());
                assertTrue(node.members().stream().map(ClusterMember::id).noneMatch(stranger.localNode()::equals));
            }
            listeners.forEach(l -> assertFalse(l.sawJoin(stranger.localNode())));
        } finally {
            nodes.close(stranger);
        }
    }

    @Test
    void sharedMapWritesAreAtomicAndSeenEverywhere() {
        String name = "rooms-" + UUID.randomUUID();
        SharedMap onA = abc.get(0).map(name);
        SharedMap onB = abc.get(1).map(name);
        SharedMap onC = abc.get(2).map(name);

        assertEquals(Optional.empty(), onA.putIfAbsent("room", "a"));
        assertEquals(Optional.of("a"), onB.putIfAbsent("room", "b"));
        assertFalse(onB.replace("room", "b", "x"));
        assertTrue(onB.replace("room", "a", "b"));
        assertEquals(Optional.of("b"), onC.get("room"));
        assertFalse(onA.remove("room", "a"));
        assertTrue(onA.remove("room", "b"));
        assertEquals(Optional.empty(), onC.get("room"));
        onC.put("other", "c");
        assertEquals(java.util.Map.of("other", "c"), onA.snapshot());
        onB.remove("other");
        assertEquals(Optional.empty(), onA.get("other"));
    }

    @Test
    void countersAddUpAcrossNodesAndStartAgainAfterTheirWindow() {
        String name = "rate-" + UUID.randomUUID();
        Duration window = Duration.ofMillis(1500);
        long created = System.nanoTime();
        assertEquals(1, abc.get(0).increment(name, "alice", 1, window));
        assertEquals(3, abc.get(1).increment(name, "alice", 2, window));
        assertEquals(8, abc.get(2).increment(name, "alice", 5, window));
        assertEquals(1, abc.get(2).increment(name, "bob", 1, window));

        // Steps do not extend the window: counting on keeps hitting it until it ends, and not before.
        Await.until(Duration.ofSeconds(10), "the counter's restart",
                () -> abc.get(1).increment(name, "alice", 1, window) == 1);
        Duration lived = Duration.ofNanos(System.nanoTime() - created);
        assertTrue(lived.compareTo(window.minusMillis(50)) >= 0, "restarted after " + lived);
        assertTrue(lived.compareTo(window.plusSeconds(2)) < 0, "restarted after " + lived);
    }

    @Test
    void noticesReachEveryNodeUntilTheListenerIsClosed() throws Exception {
        String channel = "config-" + UUID.randomUUID();
        List<List<String>> heard = new ArrayList<>();
        List<AutoCloseable> subscriptions = new ArrayList<>();
        for (HazelcastCluster node : abc) {
            List<String> got = new CopyOnWriteArrayList<>();
            heard.add(got);
            subscriptions.add(node.onNotice(channel, got::add));
        }
        List<String> alsoOnA = new CopyOnWriteArrayList<>();
        abc.get(0).onNotice(channel, alsoOnA::add);

        abc.get(1).notice(channel, "reload");
        heard.forEach(h -> Await.until(WAIT, "the notice", () -> h.equals(List.of("reload"))));

        subscriptions.get(0).close();
        abc.get(2).notice(channel, "second");
        abc.get(2).notice(channel, "third");
        // The listener still open on a hears both, so the closed one had its chance to hear them too.
        Await.until(WAIT, "both notices on a", () -> alsoOnA.equals(List.of("reload", "second", "third")));
        Await.until(WAIT, "both notices on b", () -> heard.get(1).equals(List.of("reload", "second", "third")));
        assertEquals(List.of("reload"), heard.get(0));
    }

    @Test
    void messagesForANodeThatIsNotAMemberAreDropped() {
        abc.get(0).send(UUID.randomUUID().toString(), new NodeMessage(NodeMessage.Kind.ROUTE, null, null, "<message/>"));
    }

    private static boolean hasStream(HazelcastCluster node, JID address, String streamId) {
        return node.routingTable().route(address).map(r -> r.streamId().equals(streamId)).orElse(false);
    }

    private static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static Route route(String full, HazelcastCluster node, String streamId) {
        Presence presence = new Presence();
        presence.setFrom(full);
        presence.setStatus("on the balcony");
        presence.setPriority(5);
        return new Route(new JID(full), node.localNode(), streamId, true, 5, presence, Set.of("roster.interested"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
