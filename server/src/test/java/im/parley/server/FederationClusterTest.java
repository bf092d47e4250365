package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.UUID;
import org.jivesoftware.smack.packet.IQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * Federation from a cluster: every node opens its own streams to a remote domain, the remote
 * server's dialback check lands on another node (the cluster shares the dialback secret), and
 * what the remote server sends to any node reaches the user wherever they are connected.
 */
class FederationClusterTest {
    private final int remoteS2s = ClusterNodes.freePort();
    private final int nodeS2s = ClusterNodes.freePort();
    private ParleyServer remote;
    private ClusterNodes cluster;

    @BeforeEach
    void start() throws Exception {
        // The remote server knows only node 0 (as DNS would name one address), and uses no
        // bidirectional streams, so its answers come in through node 0.
        remote = ParleyServer.with(Parley.builtInModules().toArray(im.parley.api.Module[]::new)).domains("example.test")
                .yaml("s2s:\n  address: 127.0.0.1\n  port: " + remoteS2s + "\n  direct_tls_port: -1\n  bidi: false\n"
                        + "  hosts: {localhost: \"127.0.0.1:" + nodeS2s + "\"}\n")
                .build();
        remote.start();
        cluster = ClusterNodes.start(2, i -> "s2s:\n  address: 127.0.0.1\n  port: " + (i == 0 ? nodeS2s : 0)
                + "\n  direct_tls_port: -1\n  hosts: {example.test: \"127.0.0.1:" + remoteS2s + "\"}\n");
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (remote != null) {
            remote.stop();
        }
    }

    @Test
    void aUserOnTheNodeTheRemoteServerKnowsTalksWithIt() throws Exception {
        TestClient romeo = cluster.node(0).newUser();
        cluster.awaitRouted(romeo);
        TestClient juliet = remote.newUser();
        romeo.sendChat(juliet.account().jid(), "from node 0");
        juliet.receivesMessage(m -> "from node 0".equals(m.getBody()));
        juliet.sendChat(new JID(romeo.jid().toString()), "back to node 0");
        romeo.receivesMessage(m -> "back to node 0".equals(m.getBody()));
    }

    @Test
    void aUserOnAnyNodeTalksWithARemoteDomain() throws Exception {
        TestClient romeo = cluster.node(1).newUser();
        cluster.awaitRouted(romeo);
        TestClient juliet = remote.newUser();
        romeo.sendChat(juliet.account().jid(), "from node 1");
        juliet.receivesMessage(m -> "from node 1".equals(m.getBody()));
        juliet.sendChat(new JID(romeo.jid().toString()), "back through node 0");
        romeo.receivesMessage(m -> "back through node 0".equals(m.getBody()));

        // The admin view on node 0 shows the streams of both nodes.
        Account boss = new Account("boss", "localhost", "boss-secret-" + UUID.randomUUID());
        cluster.node(0).server().accounts().create(boss.jid(), boss.password());
        TestClient admin = cluster.node(0).login(boss);
        IQ result = admin.request(new RawIq(IQ.Type.set, "localhost", "command", "http://jabber.org/protocol/commands", null)
                .attribute("node", "https://parley.im/commands#s2s-connections").attribute("action", "execute"));
        String xml = result.toXML().toString();
        String node0 = cluster.node(0).cluster().localNode();
        String node1 = cluster.node(1).cluster().localNode();
        assertTrue(xml.contains("<value>" + node0 + "</value>") && xml.contains("<value>" + node1 + "</value>"), xml);
    }
}
