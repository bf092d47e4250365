package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.BoshClient;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestCertificates;
import im.parley.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BOSH (XEP-0124, XEP-0206) into the same session layer as TCP: login, chat, and bad requests. */
class BoshTest {
    private static final String NS = "http://jabber.org/protocol/httpbind";
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestCertificates.clientContext()).build();

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    private static URI endpoint() {
        return URI.create("https://localhost:" + server.server().httpPort() + "/http-bind");
    }

    private static String post(String body) {
        return new BoshClient(endpoint()).post(body);
    }

    private static BoshClient login(Account account) {
        BoshClient client = new BoshClient(endpoint());
        client.login(account);
        return client;
    }

    @Test
    void aBoshClientLogsInAndChatsWithATcpClient() {
        Account account = server.newAccount();
        BoshClient juliet = login(account);
        assertTrue(juliet.jid().startsWith(account.jid().toBareJID() + "/"), juliet.jid());
        TestClient romeo = server.newUser();
        juliet.send("<message xmlns='jabber:client' to='" + romeo.address() + "' type='chat'><body>over BOSH</body></message>");
        romeo.receivesMessage(m -> "over BOSH".equals(m.getBody()));
        romeo.sendChat(new org.xmpp.packet.JID(juliet.jid()), "back to the browser");
        String polled = "";
        for (int i = 0; i < 5 && !polled.contains("back to the browser"); i++) {
            polled = juliet.send("");
        }
        assertTrue(polled.contains("back to the browser") && polled.contains("<message"), polled);
    }

    @Test
    void aLostAnswerIsSentAgainAndOutOfOrderRequestsEndTheSession() {
        BoshClient s = login(server.newAccount());
        String answer = s.send("<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertTrue(answer.contains("id=\"p1\""), answer);
        // XEP-0124 §14.3: the same rid again gets the same answer.
        String again = post("<body xmlns='" + NS + "' sid='" + s.sid() + "' rid='" + (s.rid() - 1) + "'/>");
        assertEquals(answer, again);
        String skipped = post("<body xmlns='" + NS + "' sid='" + s.sid() + "' rid='" + (s.rid() + 5) + "'/>");
        assertTrue(skipped.contains("type='terminate'") && skipped.contains("item-not-found"), skipped);
    }

    @Test
    void badRequestsGetTerminateConditions() {
        assertTrue(post("<body xmlns='" + NS + "' sid='nosuchsession' rid='5'/>").contains("item-not-found"));
        assertTrue(post("<body rid='1' to='localhost'/>").contains("bad-request"));
        assertTrue(post("not xml at all").contains("bad-request"));
        assertTrue(post("<body xmlns='" + NS + "' rid='1' to='elsewhere.example'/>").contains("host-unknown"));
        BoshClient s = login(server.newAccount());
        String broken = s.send("<message xmlns='jabber:client'><body>unclosed</message>");
        assertTrue(broken.contains("type='terminate'") && broken.contains("not-well-formed"), broken);
        TestClient other = server.newUser();
        other.sync();
    }

    @Test
    void aClientThatSendsTooManyRequestsIsCutOff() {
        BoshClient s = login(server.newAccount());
        String answer = "";
        for (int i = 0; i < 500 && !answer.contains("type='terminate'"); i++) {
            // Each ping is answered at once, so the requests follow each other as fast as the client can send.
            answer = s.send("<iq xmlns='jabber:client' type='get' id='r" + i + "' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        }
        assertTrue(answer.contains("type='terminate'") && answer.contains("policy-violation"), answer); // XEP-0124 §12
    }

    @Test
    void hostMetaNamesTheBoshEndpoint() throws Exception {
        String base = "https://localhost:" + server.server().httpPort();
        String json = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"urn:xmpp:alt-connections:xbosh\",\"href\":\"" + base + "/http-bind\""), json);
    }
}
