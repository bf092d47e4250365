package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PEP across two cluster nodes: events reach contacts and the owner's resources on the other node,
 * whose capabilities were learnt there, and items published on one node are read on the other.
 */
class ClusterPepTest {
    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    private static ClusterNodes cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterNodes.start(2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static TestClient loginOn(int node, Account account, String resource) {
        TestClient client = cluster.node(node).login(account, resource);
        cluster.awaitRouted(client);
        return client;
    }

    private static IQ publish(TestClient client, String id, String device) {
        return client.request(new RawIq(IQ.Type.set, null, "pubsub", NS, "<publish node='" + DEVICES + "'><item id='" + id
                + "'><list xmlns='eu.siacs.conversations.axolotl'><device id='" + device + "'/></list></item></publish>"));
    }

    private static boolean event(Message m, String device) {
        String x = m.toXML().toString().replace('"', '\'');
        return x.contains("http://jabber.org/protocol/pubsub#event") && x.matches("(?s).*<device[^>]* id='" + device + "'.*");
    }

    @Test
    void eventsAndItemsCrossNodes() {
        Account romeoAccount = cluster.node(0).newAccount();
        TestClient romeo = loginOn(0, romeoAccount, "phone");
        TestClient romeoLaptop = loginOn(1, romeoAccount, "laptop");
        TestClient juliet = loginOn(1, cluster.node(1).newAccount(), "balcony");
        romeo.befriend(juliet);
        ServiceDiscoveryManager.getInstanceFor(juliet.connection()).addFeature(DEVICES + "+notify");
        ServiceDiscoveryManager.getInstanceFor(romeoLaptop.connection()).addFeature(DEVICES + "+notify");
        juliet.sync();
        romeoLaptop.sync();

        assertEquals(IQ.Type.result, publish(romeo, "current", "1").getType());
        // The first may come as the last item once node 1 has learnt juliet's caps; the second is a live event.
        juliet.receivesMessage(m -> event(m, "1"));
        assertEquals(IQ.Type.result, publish(romeo, "current", "2").getType());
        Message live = juliet.receivesMessage(m -> event(m, "2"));
        assertEquals(romeoAccount.jid().toBareJID(), live.getFrom().toString());
        romeoLaptop.receivesMessage(m -> event(m, "2"));

        String items = juliet.request(new RawIq(IQ.Type.get, romeoAccount.jid().toBareJID(), "pubsub", NS,
                "<items node='" + DEVICES + "'/>")).toXML().toString().replace('"', '\'');
        assertTrue(items.matches("(?s).*<device[^>]* id='2'.*"), items);
    }
}
