package im.parley.module.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.muc.MucModule;
import im.parley.module.ping.PingModule;
import im.parley.module.presence.PresenceModule;
import im.parley.module.roster.RosterModule;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.xmpp.packet.JID;

/** The admin listener end to end: metrics that move with real clients, health, and every admin API operation. */
class AdminApiTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), new RosterModule(),
            new PresenceModule(), new MucModule()).build();
    static final AdminHttp admin = new AdminHttp(server);

    private static String fresh() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void metricsMoveAsClientsLogInAndSendMessages() {
        double logins = admin.metric("parley_logins_total", "outcome=\"success\"");
        double messages = admin.metric("parley_stanzas_in_total", "kind=\"message\"");
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        for (int i = 0; i < 5; i++) {
            romeo.sendChat(juliet.account().jid(), "counted " + i);
        }
        juliet.receivesMessage(m -> "counted 4".equals(m.getBody()));
        assertEquals(logins + 2, admin.metric("parley_logins_total", "outcome=\"success\""));
        assertEquals(messages + 5, admin.metric("parley_stanzas_in_total", "kind=\"message\""));
        assertTrue(admin.metric("parley_routing_seconds_count", "kind=\"message\"") >= 5);
        assertTrue(admin.metric("parley_connections_open") >= 2);
        assertTrue(admin.metric("jvm_memory_used_bytes") > 0, "JVM metrics are exported");
    }

    @Test
    void healthSaysLiveAndReady() {
        HttpResponse<String> live = admin.call("GET", "/health/live", null, null);
        assertEquals(200, live.statusCode());
        HttpResponse<String> ready = admin.call("GET", "/health/ready", null, null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"ready\""), ready.body());
    }

    @Test
    void callsWithoutTheRightTokenAreRefusedAndChangeNothing() {
        String jid = fresh() + "@localhost";
        String body = "{\"jid\":\"" + jid + "\",\"password\":\"long-enough-secret\"}";
        assertEquals(401, admin.call("POST", "/api/v1/users", null, body).statusCode());
        HttpResponse<String> wrong = admin.call("POST", "/api/v1/users", "not-the-token", body);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("token"), wrong.body());
        assertFalse(server.server().accounts().exists(new JID(jid)));
    }

    @Test
    void usersAreCreatedListedGivenNewPasswordsAndDeleted() throws Exception {
        String name = fresh();
        String jid = name + "@localhost";
        assertEquals(201, admin.api("POST", "/users", "{\"jid\":\"" + jid + "\",\"password\":\"first-password-1\"}").statusCode());
        assertEquals(409, admin.api("POST", "/users", "{\"jid\":\"" + jid + "\",\"password\":\"first-password-1\"}").statusCode());
        TestClient first = server.login(new Account(name, "localhost", "first-password-1"));
        first.close();
        assertTrue(admin.api("GET", "/users?limit=1000", null).body().contains(jid));

        assertEquals(204, admin.api("PUT", "/users/" + jid + "/password", "{\"password\":\"second-password-2\"}").statusCode());
        server.login(new Account(name, "localhost", "second-password-2")).close();
        assertThrows(IllegalStateException.class, () -> server.login(new Account(name, "localhost", "first-password-1")));

        assertEquals(204, admin.api("DELETE", "/users/" + jid, null).statusCode());
        assertFalse(server.server().accounts().exists(new JID(jid)));
        HttpResponse<String> gone = admin.api("DELETE", "/users/" + jid, null);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("no account"), gone.body());
    }

    @Test
    void badInputGetsAClearClientError() {
        HttpResponse<String> malformed = admin.api("POST", "/users", "{not json");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("not valid JSON"), malformed.body());
        HttpResponse<String> missing = admin.api("POST", "/users", "{\"jid\":\"" + fresh() + "@localhost\"}");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("password"), missing.body());
        assertEquals(400, admin.api("POST", "/users", "{\"jid\":\"not a jid@@\",\"password\":\"long-enough-secret\"}").statusCode());
        assertEquals(404, admin.api("POST", "/users", "{\"jid\":\"x@elsewhere.example\",\"password\":\"long-enough-secret\"}").statusCode());
        assertEquals(404, admin.api("GET", "/nothing-here", null).statusCode());
        assertEquals(405, admin.api("PATCH", "/status", null).statusCode());
    }

    @Test
    void sessionsAreListedAndKicked() {
        TestClient romeo = server.newUser();
        HttpResponse<String> list = admin.api("GET", "/sessions", null);
        assertTrue(list.body().contains(romeo.jid().toString()), list.body());
        assertEquals(204, admin.api("DELETE", "/sessions/" + romeo.jid() + "?reason=bye", null).statusCode());
        Await.until("Romeo disconnected", () -> !romeo.isConnected());
        Await.until("his session gone from the list", () -> !admin.api("GET", "/sessions", null).body().contains(romeo.jid().toString()));
        assertEquals(404, admin.api("DELETE", "/sessions/" + romeo.jid(), null).statusCode());
    }

    @Test
    void anAnnouncementReachesEveryoneOnline() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        HttpResponse<String> sent = admin.api("POST", "/broadcast", "{\"message\":\"maintenance at noon\"}");
        assertEquals(200, sent.statusCode(), sent.body());
        for (TestClient c : new TestClient[] {romeo, juliet}) {
            Message m = c.receivesMessage(x -> "maintenance at noon".equals(x.getBody()));
            assertEquals(Message.Type.headline, m.getType());
            assertEquals("localhost", m.getFrom().toString());
        }
    }

    @Test
    void statusNamesTheServerAndItsSessions() {
        server.newUser();
        String status = admin.api("GET", "/status", null).body();
        assertTrue(status.contains("\"ready\":true"), status);
        assertTrue(status.contains("\"domains\":[\"localhost\""), status);
        assertTrue(status.contains("\"cluster\":[{"), status);
    }

    @Test
    void roomsAreCreatedListedAndDestroyed() throws Exception {
        String room = fresh() + "@conference.localhost";
        assertEquals(201, admin.api("POST", "/rooms", "{\"room\":\"" + room + "\",\"name\":\"Ops\"}").statusCode());
        assertEquals(409, admin.api("POST", "/rooms", "{\"room\":\"" + room + "\"}").statusCode());
        assertTrue(admin.api("GET", "/rooms", null).body().contains(room));
        TestClient romeo = server.newUser();
        MultiUserChatManager.getInstanceFor(romeo.connection()).getMultiUserChat(JidCreate.entityBareFrom(room))
                .join(Resourcepart.from("romeo"));
        assertEquals(204, admin.api("DELETE", "/rooms/" + room, null).statusCode());
        // §10.9: the occupant learns the room is gone.
        romeo.receives(Presence.class, p -> p.getType() == Presence.Type.unavailable && p.getFrom().toString().equals(room + "/romeo")
                && p.toXML().toString().contains("destroy"));
        assertFalse(admin.api("GET", "/rooms", null).body().contains(room));
        assertEquals(404, admin.api("DELETE", "/rooms/" + room, null).statusCode());
        assertEquals(400, admin.api("POST", "/rooms", "{\"room\":\"x@elsewhere.example\"}").statusCode());
    }
}
