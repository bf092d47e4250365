package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.cluster.ClusterConfig;
import im.parley.cluster.HazelcastCluster;
import im.parley.core.config.ConfigSource;
import im.parley.storage.Storage;
import im.parley.storage.StorageConfig;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

/**
 * A node killed with SIGKILL: a second Parley runs as its own process, joined to a node in this
 * JVM through Hazelcast and to the same database (H2 in server mode here, MariaDB in production).
 * When it dies, its users' contacts see them go, their routes are dropped, and nothing stored is lost.
 */
class ClusterFailoverTest {
    private static final String SECRET = "failover-secret";

    @TempDir
    Path dir;
    private ServerProcess other;
    private ParleyServer local;

    @AfterEach
    void cleanUp() {
        if (other != null) {
            other.close();
        }
        if (local != null) {
            local.stop();
        }
    }

    /** Romeo on this JVM's node and Juliet on the other process, seeing each other's presence. */
    private record Pair(TestClient romeo, Account julietAccount, JID julietThere) {
    }

    private Pair startPair() throws Exception {
        int localCluster = ClusterNodes.freePort();
        int otherCluster = ClusterNodes.freePort();
        int otherClient = ClusterNodes.freePort();
        String database = "jdbc:h2:file:" + dir.resolve("db/parley") + ";AUTO_SERVER=TRUE";
        local = localNode(database, localCluster, otherCluster);
        local.start();
        other = startOtherNode(database, otherCluster, localCluster, otherClient);
        // A JVM starting a whole server: on a loaded two-core machine that takes longer than 10 s.
        Await.until("the other process joined the cluster", java.time.Duration.ofSeconds(40), () -> local.cluster().members().size() == 2);
        Await.until("the other process accepts clients", java.time.Duration.ofSeconds(40), () -> other.accepts(otherClient));

        TestClient romeo = local.newUser();
        Account julietAccount = local.newAccount();
        TestClient juliet = local.login(julietAccount, b -> b.setPort(otherClient).setCustomX509TrustManager(new ServerProcess.TrustAll()));
        JID julietThere = juliet.address();
        Await.until("juliet routed on the local node", () -> local.cluster().routingTable().route(julietThere).isPresent());
        romeo.befriend(juliet);
        return new Pair(romeo, julietAccount, julietThere);
    }

    @Test
    void whenANodeIsKilledItsUsersGoOfflineAndNothingStoredIsLost() throws Exception {
        Pair pair = startPair();
        TestClient romeo = pair.romeo();
        JID julietThere = pair.julietThere();

        other.kill(); // SIGKILL: no goodbye from that node
        romeo.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(julietThere.toString()));
        assertTrue(local.cluster().routingTable().routes(julietThere.asBareJID()).isEmpty(), "the dead node's routes are dropped");

        romeo.sendChat(julietThere.asBareJID(), "are you there?");
        romeo.sync();
        TestClient julietBack = local.login(pair.julietAccount());
        julietBack.receivesMessage(m -> "are you there?".equals(m.getBody()));
        Roster roster = Roster.getInstanceFor(julietBack.connection());
        roster.reloadAndWait();
        assertTrue(roster.getEntry(org.jxmpp.jid.impl.JidCreate.bareFrom(romeo.address().toBareJID())) != null,
                "juliet's roster survived her node");
    }

    @Test
    void whenANodeIsStoppedItsUsersSayGoodbyeAndComeBackElsewhere() throws Exception {
        Pair pair = startPair();
        TestClient romeo = pair.romeo();
        JID julietThere = pair.julietThere();

        other.stop(); // SIGTERM: the node shuts down in order, as in a rolling restart
        romeo.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(julietThere.toString()));
        other.awaitExit();
        Await.until("the stopped node left the cluster", () -> local.cluster().members().size() == 1);
        TestClient julietBack = local.login(pair.julietAccount());
        romeo.receives(Presence.class, p -> p.isAvailable() && p.getFrom().toString().equals(julietBack.address().toString()));
    }

    /**
     * A message handed to a node that stops before taking it is not acknowledged to its sender
     * (XEP-0198) until it is safe: when the cluster gives that node up, the message is routed again
     * on the sender's node, to offline storage, and only then counted in the sender's {@code <a/>}.
     */
    @Test
    void aMessageHandedToANodeThatFreezesIsAcknowledgedOnlyOnceStoredElsewhere() throws Exception {
        Pair pair = startPair();
        JID julietThere = pair.julietThere();
        try (RawClient sender = local.raw()) {
            sender.login(local.newAccount());
            sender.send("<enable xmlns='urn:xmpp:sm:3'/>");
            sender.readUntil("/>");

            other.freeze(); // Juliet's node takes nothing more, and says nothing
            sender.send("<message to='" + julietThere.toBareJID() + "' type='chat' id='m1'><body>while frozen</body></message>"
                    + "<r xmlns='urn:xmpp:sm:3'/>"
                    + "<iq type='get' id='after'><ping xmlns='urn:xmpp:ping'/></iq>");
            // Without the wait, the <a/> answering the <r/> would come before the ping's result.
            String meanwhile = sender.readUntil("id=\"after\"");
            assertTrue(!meanwhile.contains("<a "), "not acknowledged while only the frozen node has it: " + meanwhile);

            // Given up after the failure timeout: stored offline here, then acknowledged.
            String counted = "<a xmlns='urn:xmpp:sm:3' h='2'/>";
            String ack = sender.readUntil(counted, Duration.ofSeconds(30));
            assertEquals(ack.length() - counted.length(), ack.indexOf("<a "), "one answer, counting the message and the ping: " + ack);
        }
        other.kill();
        TestClient julietBack = local.login(pair.julietAccount());
        julietBack.receivesMessage(m -> "while frozen".equals(m.getBody()));
    }

    private static ParleyServer localNode(String database, int port, int otherPort) {
        ClusterConfig config = ConfigSource.fromYaml(clusterYaml(port, otherPort), Map.of()).bind("cluster", ClusterConfig.class);
        StorageConfig storage = new StorageConfig(StorageConfig.Backend.H2, database, "", "", 4, Duration.ofSeconds(10));
        return ParleyServer.with(Parley.builtInModules().toArray(im.parley.api.Module[]::new))
                .storage(d -> {
                    Storage opened = Storage.open(storage, d);
                    return new ParleyServer.OpenedStorage(opened, opened.accounts(), opened);
                })
                .cluster(() -> HazelcastCluster.start(config))
                .build();
    }

    private static String clusterYaml(int port, int otherPort) {
        return "cluster:\n  enabled: true\n  secret: " + SECRET + "\n  bind_address: 127.0.0.1\n  port: " + port
                + "\n  members: [\"127.0.0.1:" + otherPort + "\"]\n  failure_timeout: 3s\n";
    }

    private ServerProcess startOtherNode(String database, int clusterPort, int localPort, int clientPort) throws Exception {
        Path config = dir.resolve("other.yml");
        Files.writeString(config, "server:\n  domains: [localhost]\n  data_dir: " + dir.resolve("other-data") + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: " + clientPort + "\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n"
                + "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "auth:\n  scram_iterations: 4096\n"
                + "storage:\n  backend: h2\n  url: \"" + database + "\"\n"
                + clusterYaml(clusterPort, localPort));
        return ServerProcess.start(config);
    }
}
