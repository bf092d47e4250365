package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * Two halves of a cluster that did not see each other heal into one, and their users see each
 * other online again without reconnecting.
 *
 * <p>The split is real Hazelcast, made with configuration only: node A lists A and B as members,
 * node B lists only itself. A starts alone; B starts later and forms a cluster of its own, as the
 * other side of a network split would. Romeo (on A) and Juliet (on B) are contacts, but neither
 * side can route to the other, so neither sees the other online. A looks for B every merge
 * interval; when the two clusters merge, the merging side re-publishes its routes and
 * re-announces its users' presence, and probes their contacts.
 */
class ClusterSplitBrainTest {
    private ParleyServer a;
    private ParleyServer b;

    @AfterEach
    void stop() {
        for (ParleyServer node : new ParleyServer[] {a, b}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void whenTheHalvesMergeContactsSeeEachOtherAgain() throws Exception {
        String database = "jdbc:h2:mem:split-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        int portA = ClusterNodes.freePort();
        int portB = ClusterNodes.freePort();
        a = ClusterNodes.node(database, portA, List.of(portA, portB), "10s");
        a.start();
        TestClient romeo = a.newUser();
        Account julietAccount = a.newAccount();
        TestClient julietFirst = a.login(julietAccount);
        romeo.befriend(julietFirst);
        JID first = julietFirst.address();
        julietFirst.close();
        romeo.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(first.toString()));

        b = ClusterNodes.node(database, portB, List.of(portB), "10s");
        b.start();
        TestClient juliet = b.login(julietAccount, "garden");
        juliet.sync();
        assertEquals(1, a.cluster().members().size(), "still split when juliet came online (the merge came too early)");
        assertEquals(1, b.cluster().members().size());

        Await.until("the halves merged", Duration.ofSeconds(30),
                () -> a.cluster().members().size() == 2 && b.cluster().members().size() == 2);
        romeo.receives(Presence.class, p -> p.isAvailable() && p.getFrom().toString().equals(juliet.address().toString()));
        juliet.receives(Presence.class, p -> p.isAvailable() && p.getFrom().toString().equals(romeo.address().toString()));
        romeo.sendChat(juliet.address(), "one cluster again");
        juliet.receivesMessage(m -> "one cluster again".equals(m.getBody()));
    }
}
