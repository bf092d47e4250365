package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.routing.Route;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * Three nodes of one cluster in this JVM: users on different nodes talk as if on one server.
 */
class ClusterTest {
    private static ClusterNodes cluster;

    @BeforeAll
    static void start() {
        cluster = ClusterNodes.start(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ParleyServer node(int i) {
        return cluster.node(i);
    }

    /** A fresh user logged in on a node, routed on every node. */
    private static TestClient userOn(int i) {
        TestClient client = node(i).newUser();
        cluster.awaitRouted(client);
        return client;
    }

    private static TestClient loginOn(int i, Account account, String resource) {
        TestClient client = node(i).login(account, resource);
        cluster.awaitRouted(client);
        return client;
    }

    private static void awaitPriority(TestClient client, int priority) {
        for (ParleyServer n : cluster.nodes()) {
            Await.until(client.address() + " at priority " + priority, () -> n.cluster().routingTable()
                    .route(client.address()).map(Route::priority).orElse(-999) == priority);
        }
    }

    @Test
    void messagesCrossNodesBothWays() {
        TestClient romeo = userOn(0);
        TestClient juliet = userOn(1);
        romeo.sendChat(juliet.address(), "to your phone");
        Message got = juliet.receivesMessage(m -> "to your phone".equals(m.getBody()));
        assertEquals(romeo.address().toString(), got.getFrom().toString());
        juliet.sendChat(romeo.address().asBareJID(), "to your account");
        romeo.receivesMessage(m -> "to your account".equals(m.getBody()));
    }

    @Test
    void aThousandMessagesArriveInTheOrderSent() {
        TestClient romeo = userOn(0);
        TestClient juliet = userOn(2);
        for (int i = 0; i < 1000; i++) {
            romeo.sendChat(juliet.address().asBareJID(), "m" + i);
        }
        for (int i = 0; i < 1000; i++) {
            Message m = juliet.receivesMessage(x -> x.getBody() != null && x.getBody().startsWith("m"));
            assertEquals("m" + i, m.getBody(), "message " + i + " out of order");
        }
    }

    @Test
    void presenceReachesContactsAndOwnResourcesOnOtherNodes() {
        TestClient romeo = userOn(0);
        Account julietAccount = node(1).newAccount();
        TestClient juliet = loginOn(1, julietAccount, "balcony");
        romeo.befriend(juliet);
        // A second resource on a third node: probes are answered from the shared directory.
        TestClient julietPhone = node(2).login(julietAccount, "phone");
        romeo.receives(Presence.class, p -> p.isAvailable() && p.getFrom().toString().equals(julietPhone.address().toString()));
        juliet.receives(Presence.class, p -> p.isAvailable() && p.getFrom().toString().equals(julietPhone.address().toString()));
        // The phone sees both in whichever order they come.
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> expected = java.util.Set.of(juliet.address().toString(), romeo.address().toString());
        while (!seen.containsAll(expected)) {
            seen.add(julietPhone.receives(Presence.class, p -> p.isAvailable() && expected.contains(p.getFrom().toString()))
                    .getFrom().toString());
        }

        JID phone = julietPhone.address();
        julietPhone.close();
        romeo.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(phone.toString()));
        juliet.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(phone.toString()));
    }

    @Test
    void aBareJidMessageFollowsPrioritiesAcrossNodes() {
        TestClient romeo = userOn(0);
        Account account = node(1).newAccount();
        TestClient high = loginOn(1, account, "high");
        TestClient low = loginOn(2, account, "low");
        high.presence(5);
        low.presence(1);
        awaitPriority(high, 5);
        awaitPriority(low, 1);

        romeo.sendChat(high.address().asBareJID(), "chat goes to the highest");
        high.receivesMessage(m -> "chat goes to the highest".equals(m.getBody()));
        low.receivesNothing(Message.class, m -> "chat goes to the highest".equals(m.getBody()), Duration.ofMillis(300));

        romeo.send(StanzaBuilder.buildMessage().to(Jids.smack(high.address().asBareJID()))
                .ofType(Message.Type.normal).setBody("normal goes to all").build());
        high.receivesMessage(m -> "normal goes to all".equals(m.getBody()));
        low.receivesMessage(m -> "normal goes to all".equals(m.getBody()));
    }

    @Test
    void rosterPushesReachResourcesOnOtherNodes() throws Exception {
        Account account = node(1).newAccount();
        TestClient desk = loginOn(1, account, "desk");
        TestClient phone = loginOn(2, account, "phone");
        Roster.getInstanceFor(phone.connection()).reloadAndWait();
        for (ParleyServer n : cluster.nodes()) {
            Await.until("the phone's interest in roster pushes is known everywhere", () -> n.cluster().routingTable()
                    .route(phone.address()).map(r -> r.flagged("roster.interested")).orElse(false));
        }
        JID contact = new JID("nurse", node(1).domain(), null);
        Roster phoneRoster = Roster.getInstanceFor(phone.connection());
        Roster.getInstanceFor(desk.connection()).createItem(Jids.smack(contact).asBareJid(), "Nurse", null);
        Await.until("the phone got the push", () -> phoneRoster.getEntry(Jids.smack(contact).asBareJid()) != null);
        assertEquals("Nurse", phoneRoster.getEntry(Jids.smack(contact).asBareJid()).getName());
    }

    @Test
    void iqResultsFindTheirWayBack() throws Exception {
        TestClient romeo = userOn(0);
        TestClient juliet = userOn(1);
        IQ answer = romeo.request(new RawIq(IQ.Type.get, juliet.address().toString(), "query",
                "http://jabber.org/protocol/disco#info", null));
        assertEquals(IQ.Type.result, answer.getType());

        // The server on node 0 asks a client on node 1; the answer arrives on node 1 and is passed back.
        org.xmpp.packet.IQ ping = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.get);
        ping.setTo(juliet.address());
        ping.setChildElement("ping", "urn:xmpp:ping");
        org.xmpp.packet.IQ result = node(0).server().router().request(ping, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        assertEquals(org.xmpp.packet.IQ.Type.result, result.getType());
    }

    @Test
    void bindingTheSameResourceOnAnotherNodeReplacesTheOlderStream() {
        Account account = node(0).newAccount();
        TestClient first = loginOn(1, account, "tablet");
        TestClient second = node(2).login(account, "tablet");
        Await.until("the older stream is closed", () -> !first.isConnected());
        String nodeTwo = node(2).cluster().localNode();
        for (ParleyServer n : cluster.nodes()) {
            Await.until("the route names the newer node", () -> n.cluster().routingTable().route(second.address())
                    .map(r -> r.node().equals(nodeTwo)).orElse(false));
        }
        assertFalse(first.isConnected());
    }

    @Test
    void carbonsReachDevicesOnOtherNodes() throws Exception {
        Account account = node(0).newAccount();
        TestClient phone = loginOn(1, account, "phone");
        TestClient laptop = loginOn(2, account, "laptop");
        java.util.concurrent.BlockingQueue<String> copies = new java.util.concurrent.LinkedBlockingQueue<>();
        CarbonManager carbons = CarbonManager.getInstanceFor(laptop.connection());
        carbons.addCarbonCopyReceivedListener((direction, copy, wrapper) -> copies.add(direction + " " + copy.getBody()));
        carbons.enableCarbons();
        for (ParleyServer n : cluster.nodes()) {
            Await.until("the laptop's carbons are known everywhere", () -> n.cluster().routingTable()
                    .route(laptop.address()).map(r -> r.flagged("carbons.enabled")).orElse(false));
        }
        TestClient juliet = userOn(0);
        phone.sendChat(juliet.address(), "from the phone");
        assertEquals("sent from the phone", copies.poll(10, TimeUnit.SECONDS));
        juliet.sendChat(phone.address(), "to the phone");
        assertEquals("received to the phone", copies.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientComingBackOnAnotherNodeGetsWhatItsOldSessionHeld() throws Exception {
        TestClient romeo = userOn(0);
        Account account = node(0).newAccount();
        String previd;
        JID oldAddress;
        try (RawClient first = new RawClient("127.0.0.1", node(1).port())) {
            oldAddress = new JID(first.login(account));
            first.send("<presence/><enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            String enabled = first.readUntil("<enabled");
            enabled = enabled + first.readUntil("/>");
            previd = enabled.replaceAll("(?s).* id='([^']+)'.*", "$1");
            cluster.awaitRouted(new JID(oldAddress.toString()), true);
        } // the socket drops without a goodbye: the session waits on node 1 for a resumption
        romeo.sendChat(oldAddress, "kept on node 1");
        romeo.sync();
        try (RawClient second = new RawClient("127.0.0.1", node(2).port())) {
            second.open(account.domain());
            second.startTls(account.domain());
            second.authenticatePlain(account.username(), account.password());
            second.open(account.domain());
            second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='0'/>");
            assertTrue(second.readUntil("</failed>").contains("item-not-found"), "not resumable here");
            second.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq><presence/>");
            // Node 1 ended the old session at once, and what it held reached the new one.
            assertTrue(second.readUntil("kept on node 1").contains("kept on node 1"));
        }
    }

    @Test
    void aBlockMadeOnOneNodeIsEnforcedOnTheOthers() throws Exception {
        TestClient romeo = userOn(0);
        TestClient iago = userOn(1);
        iago.sendChat(romeo.address().asBareJID(), "before");
        romeo.receivesMessage(m -> "before".equals(m.getBody()));
        BlockingCommandManager.getInstanceFor(romeo.connection())
                .blockContacts(List.of(Jids.smack(iago.address().asBareJID())));
        // XEP-0191 §3.3: the blocked contact's message is refused with service-unavailable by its own node,
        // which must have dropped its cached copy of romeo's list.
        iago.sendChat(romeo.address().asBareJID(), "after");
        Message refused = iago.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, refused.getError().getCondition());
        romeo.receivesNothing(Message.class, m -> "after".equals(m.getBody()), Duration.ofMillis(300));
    }

    @Test
    void anAdminSeesEveryMemberWithItsSessions() throws Exception {
        Account boss = new Account("boss", "localhost", "boss-password-1");
        if (!node(0).server().accounts().exists(boss.jid())) {
            node(0).server().accounts().create(boss.jid(), boss.password());
        }
        TestClient admin = loginOn(0, boss, "console");
        TestClient other = userOn(2);
        AdHocCommand command = AdHocCommandManager.getInstance(admin.connection())
                .getRemoteCommand(Jids.smack("localhost"), "https://parley.im/commands#cluster-members");
        List<DataForm.Item> rows = command.execute().getResponse().getForm().getItems();
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            String id = node(i).cluster().localNode();
            DataForm.Item row = rows.stream().filter(r -> cell(r, "node").equals(id)).findFirst().orElseThrow();
            long sessions = node(0).cluster().routingTable().all().stream().filter(r -> r.node().equals(id)).count();
            assertEquals(Long.toString(sessions), cell(row, "sessions"), "sessions on node " + i);
            assertEquals(i == 0, List.of("1", "true").contains(cell(row, "local")), "node " + i + " marked local");
        }
        assertTrue(other.isConnected());
    }

    @Test
    void deletingAnAccountOnOneNodeEndsItsSessionsOnOthers() throws Exception {
        TestClient juliet = userOn(2);
        node(0).server().accounts().delete(juliet.address().asBareJID());
        Await.until("juliet's stream on node 2 is closed", () -> !juliet.isConnected());
        cluster.awaitUnrouted(juliet.address());
    }

    /** The value of one column in a row of a reported data form. */
    private static String cell(DataForm.Item row, String var) {
        return row.getFields().stream().filter(f -> f.getFieldName().equals(var)).findFirst().orElseThrow().getFirstValue();
    }
}
