package im.parley.plugin.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.storage.RepositoryProvider;
import im.parley.cluster.ClusterConfig;
import im.parley.cluster.HazelcastCluster;
import im.parley.core.account.InMemoryAccountStore;
import im.parley.core.config.ConfigSource;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two Hazelcast nodes: what a user spends on one node counts on the other. */
class ClusterLimitTest {
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final List<Integer> ports = List.of(freePort(), freePort());
    private final List<ParleyServer> nodes = List.of(node(0), node(1));

    private ParleyServer node(int i) {
        String members = "[\"127.0.0.1:" + ports.get(0) + "\", \"127.0.0.1:" + ports.get(1) + "\"]";
        ClusterConfig config = ConfigSource.fromYaml("cluster:\n  enabled: true\n  secret: test-secret\n"
                + "  bind_address: 127.0.0.1\n  port: " + ports.get(i) + "\n  members: " + members + "\n"
                + "  failure_timeout: 3s\n", Map.of()).bind("cluster", ClusterConfig.class);
        return ParleyServer.with().plugins(new RateLimitModule())
                .yaml("""
                        ratelimit:
                          enabled: true
                          user_messages_per_minute: 10
                          user_messages_burst: 10
                          sync_interval: 100ms
                        """)
                .storage(dir -> new ParleyServer.OpenedStorage(RepositoryProvider.inMemory(), accounts, () -> { }))
                .cluster(() -> HazelcastCluster.start(config))
                .build();
    }

    @AfterEach
    void stop() {
        nodes.forEach(ParleyServer::stop);
    }

    @Test
    void aUserOnTwoNodesSharesOneBudget() throws IOException {
        for (ParleyServer node : nodes) {
            node.start();
        }
        Await.until("two members", () -> nodes.stream().allMatch(n -> n.cluster().members().size() == 2));
        Account alice = nodes.get(0).newAccount();
        TestClient onFirst = nodes.get(0).login(alice, "first");
        TestClient onSecond = nodes.get(1).login(alice, "second");
        TestClient bob = nodes.get(0).newUser();
        for (int i = 0; i < 10; i++) {
            onFirst.sendChat(bob.address(), "m" + i);
        }
        for (int i = 0; i < 10; i++) {
            String body = "m" + i;
            bob.receivesMessage(m -> body.equals(m.getBody()));
        }

        onSecond.sendChat(bob.address(), "one more from the other node");
        Message refused = onSecond.receives(Message.class, m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, refused.getError().getCondition());
        assertTrue(refused.getError().getDescriptiveText().contains("10 messages per minute"), refused.getError().getDescriptiveText());

        // Another user on the second node has a budget of their own.
        TestClient carol = nodes.get(1).newUser();
        TestClient dave = nodes.get(1).newUser();
        carol.sendChat(dave.address(), "hi dave");
        dave.receivesMessage(m -> "hi dave".equals(m.getBody()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
