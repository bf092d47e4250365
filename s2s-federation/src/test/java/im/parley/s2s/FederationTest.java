package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.xmpp.packet.JID;

/** Users of two Parley servers talk across domains as they would on one (RFC 6120 §13, RFC 6121). */
class FederationTest {
    static final TwoServers NET = new TwoServers();
    static final FederationModule ALPHA_S2S = new FederationModule(NET.loopback);
    static final FederationModule BETA_S2S = new FederationModule(NET.loopback);

    @RegisterExtension
    @Order(1)
    static final ParleyServer alpha = TwoServers.server("localhost", ALPHA_S2S, TwoServers.s2s("  connect_timeout: 3s\n"))
            .admins("admin@localhost").build();

    @RegisterExtension
    @Order(2)
    static final ParleyServer beta = TwoServers.server("example.test", BETA_S2S, TwoServers.s2s("")).build();

    @BeforeAll
    static void ports() {
        NET.register("localhost", ALPHA_S2S);
        NET.register("example.test", BETA_S2S);
    }

    @Test
    void messagesCrossBothWays() {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.sendChat(juliet.account().jid(), "hello from alpha");
        Message got = juliet.receivesMessage(m -> "hello from alpha".equals(m.getBody()));
        assertEquals(romeo.jid().toString(), got.getFrom().toString());
        juliet.sendChat(new JID(romeo.jid().toString()), "hello from beta");
        Message back = romeo.receivesMessage(m -> "hello from beta".equals(m.getBody()));
        assertEquals(juliet.jid().toString(), back.getFrom().toString());
    }

    @Test
    void presenceSubscriptionsWorkBothWays() {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.befriend(juliet);
        // Each now sees the other come online, through the other's server.
        juliet.presence(5);
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(juliet.jid().toString())
                && p.getType() == Presence.Type.available && p.getPriority() == 5);
        romeo.presence(7);
        juliet.receives(Presence.class, p -> p.getFrom().toString().equals(romeo.jid().toString())
                && p.getType() == Presence.Type.available && p.getPriority() == 7);
    }

    @Test
    void pepEventsReachContactsOnTheOtherServerThatAskForThem() throws Exception {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.befriend(juliet);
        String node = "urn:xmpp:omemo:2:devices";
        // Juliet's client asks for device lists in its caps, as OMEMO clients do (XEP-0163 §4.2).
        org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(juliet.connection()).addFeature(node + "+notify");
        juliet.sync();
        // Her new caps reach Romeo's server with her presence, which asks her client what they mean.
        romeo.receives(Presence.class, p -> p.getFrom().toString().equals(juliet.jid().toString())
                && p.hasExtension("c", "http://jabber.org/protocol/caps"));
        String device = "<devices xmlns='urn:xmpp:omemo:2'><device id='" + System.nanoTime() % 100000 + "'/></devices>";
        // Until the answer is in, a publish notifies nobody there; once it is, every publish does.
        java.util.List<Message> events = new java.util.ArrayList<>();
        im.parley.testing.Await.until("an event from Romeo's device list reaches Juliet", () -> {
            IQ published = romeo.request(new RawIq(IQ.Type.set, null, "pubsub", "http://jabber.org/protocol/pubsub",
                    "<publish node='" + node + "'><item id='current'>" + device + "</item></publish>"));
            assertEquals(IQ.Type.result, published.getType());
            events.addAll(juliet.alreadyReceived(Message.class, m -> m.toXML().toString().contains("pubsub#event")));
            return !events.isEmpty();
        });
        assertEquals(romeo.account().jid().toBareJID(), events.get(0).getFrom().toString());
        assertTrue(events.get(0).toXML().toString().contains("urn:xmpp:omemo:2"), events.get(0).toXML().toString());
    }

    @Test
    void aRemoteUserTakesPartInALocalRoomAndALocalUserInARemoteOne() throws Exception {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        for (String service : new String[] {"conference.localhost", "conference.example.test"}) {
            EntityBareJid room = JidCreate.entityBareFrom("room-" + UUID.randomUUID().toString().substring(0, 8) + "@" + service);
            MultiUserChat owner = MultiUserChatManager.getInstanceFor(romeo.connection()).getMultiUserChat(room);
            owner.create(Resourcepart.from("romeo")).makeInstant();
            MultiUserChat guest = MultiUserChatManager.getInstanceFor(juliet.connection()).getMultiUserChat(room);
            guest.join(Resourcepart.from("juliet"));
            romeo.receives(Presence.class, p -> p.getFrom().toString().equals(room + "/juliet"));
            guest.sendMessage("hi all in " + service);
            romeo.receivesMessage(m -> ("hi all in " + service).equals(m.getBody())
                    && m.getFrom().toString().equals(room + "/juliet"));
        }
    }

    @Test
    void queriesReachTheRemoteServerAndItsAnswersComeBack() {
        TestClient romeo = alpha.newUser();
        IQ answer = romeo.request(new RawIq(org.jivesoftware.smack.packet.IQ.Type.get, "example.test", "query",
                "http://jabber.org/protocol/disco#info", null));
        assertEquals(IQ.Type.result, answer.getType());
        assertTrue(answer.toXML().toString().contains("http://jabber.org/protocol/disco#info"), answer.toXML().toString());
    }

    @Test
    void aDomainWithoutAServerIsReportedToTheSender() {
        TestClient romeo = alpha.newUser();
        romeo.sendChat(new JID("someone", "nowhere.test", null), "anybody?");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.remote_server_not_found, error.getError().getCondition());
        assertEquals("someone@nowhere.test", error.getFrom().toString());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            NET.registerPort("silent.test", silent.getLocalPort());
            TestClient romeo = alpha.newUser();
            romeo.sendChat(new JID("someone", "silent.test", null), "hello?");
            Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
            assertEquals(StanzaError.Condition.remote_server_timeout, error.getError().getCondition());
        }
    }

    @Test
    void adminsSeeTheServerConnections() throws Exception {
        TestClient romeo = alpha.newUser();
        TestClient juliet = beta.newUser();
        romeo.sendChat(juliet.account().jid(), "make a connection");
        juliet.receivesMessage(m -> "make a connection".equals(m.getBody()));
        Account adminAccount = new Account("admin", "localhost", "admin-secret-" + UUID.randomUUID());
        alpha.server().accounts().create(adminAccount.jid(), adminAccount.password());
        TestClient admin = alpha.login(adminAccount);
        IQ result = admin.request(new RawIq(IQ.Type.set, "localhost", "command", "http://jabber.org/protocol/commands", null)
                .attribute("node", S2sConnectionsCommand.NODE).attribute("action", "execute"));
        String xml = result.toXML().toString();
        assertTrue(xml.contains("status='completed'") || xml.contains("status=\"completed\""), xml);
        assertTrue(xml.contains("<value>example.test</value>"), xml);
        assertTrue(xml.contains("<value>out</value>") && xml.contains("<value>in</value>"), xml);
        // Users who are not admins do not get to run it.
        IQ refused = romeo.request(new RawIq(IQ.Type.set, "localhost", "command", "http://jabber.org/protocol/commands", null)
                .attribute("node", S2sConnectionsCommand.NODE).attribute("action", "execute"));
        assertEquals(IQ.Type.error, refused.getType());
    }
}
