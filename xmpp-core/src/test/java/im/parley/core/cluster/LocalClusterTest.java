package im.parley.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.cluster.NodeMessage;
import im.parley.api.cluster.SharedMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The single-node cluster: shared values behave as the Hazelcast ones do, on local data. */
class LocalClusterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneMemberThatIsItself() {
        LocalCluster cluster = new LocalCluster(Clock.systemUTC());
        assertEquals(1, cluster.members().size());
        assertTrue(cluster.members().get(0).local());
        assertEquals(cluster.localNode(), cluster.members().get(0).id());
        assertThrows(IllegalStateException.class,
                () -> cluster.send("elsewhere", new NodeMessage(NodeMessage.Kind.ROUTE, null, null, "<message/>")));
    }

    @Test
    void mapsAreAtomicPerKey() {
        SharedMap rooms = new LocalCluster(Clock.systemUTC()).map("rooms");
        assertEquals(Optional.empty(), rooms.putIfAbsent("lobby", "node-a"));
        assertEquals(Optional.of("node-a"), rooms.putIfAbsent("lobby", "node-b"));
        assertFalse(rooms.replace("lobby", "node-b", "node-c"));
        assertTrue(rooms.replace("lobby", "node-a", "node-c"));
        assertFalse(rooms.remove("lobby", "node-a"));
        assertEquals(java.util.Map.of("lobby", "node-c"), rooms.snapshot());
        assertTrue(rooms.remove("lobby", "node-c"));
        assertEquals(Optional.empty(), rooms.get("lobby"));
    }

    @Test
    void countersAddUpWithinTheirWindowAndThenStartAgain() {
        ManualClock clock = new ManualClock();
        LocalCluster cluster = new LocalCluster(clock);
        Duration minute = Duration.ofMinutes(1);
        assertEquals(1, cluster.increment("messages", "romeo", 1, minute));
        assertEquals(3, cluster.increment("messages", "romeo", 2, minute));
        assertEquals(1, cluster.increment("messages", "juliet", 1, minute));
        assertEquals(1, cluster.increment("uploads", "romeo", 1, minute));
        clock.now = clock.now.plus(minute);
        assertEquals(1, cluster.increment("messages", "romeo", 1, minute));
    }

    @Test
    void noticesReachListenersUntilTheyStop() throws Exception {
        LocalCluster cluster = new LocalCluster(Clock.systemUTC());
        List<String> heard = new ArrayList<>();
        AutoCloseable listening = cluster.onNotice("blocking", heard::add);
        cluster.onNotice("other", m -> heard.add("wrong channel"));
        cluster.notice("blocking", "romeo@localhost");
        listening.close();
        cluster.notice("blocking", "juliet@localhost");
        assertEquals(List.of("romeo@localhost"), heard);
    }
}
