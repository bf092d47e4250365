package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestCertificates;
import im.parley.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BOSH (XEP-0124, XEP-0206) into the same session layer as TCP: login, chat, and bad requests. */
class BoshTest {
    private static final String NS = "http://jabber.org/protocol/httpbind";
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(TestCertificates.clientContext()).build();

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    private static String post(String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + server.server().httpPort() + "/http-bind"))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A logged-in BOSH session: its sid, next rid and full JID. */
    private static final class Session {
        final String sid;
        long rid;
        String jid;

        Session(String sid, long rid) {
            this.sid = sid;
            this.rid = rid;
        }

        String send(String payload) {
            return post("<body xmlns='" + NS + "' sid='" + sid + "' rid='" + (rid++) + "' wait='2'>" + payload + "</body>");
        }
    }

    private static Session login(Account account) {
        String created = post("<body xmlns='" + NS + "' rid='1000' to='localhost' wait='2' hold='1' ver='1.6' xml:lang='en'"
                + " xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh'/>");
        Matcher sid = Pattern.compile("sid='([0-9a-f]+)'").matcher(created);
        assertTrue(sid.find(), created);
        assertTrue(created.contains("<mechanism>PLAIN</mechanism>") && created.contains("authid="), created);
        Session s = new Session(sid.group(1), 1001);
        String token = Base64.getEncoder().encodeToString(("\0" + account.username() + "\0" + account.password())
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(s.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>").contains("<success"));
        String restarted = post("<body xmlns='" + NS + "' sid='" + s.sid + "' rid='" + (s.rid++) + "' xmpp:restart='true'"
                + " xmlns:xmpp='urn:xmpp:xbosh' to='localhost'/>");
        assertTrue(restarted.contains("urn:ietf:params:xml:ns:xmpp-bind"), restarted);
        String bound = s.send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        s.jid = bound.substring(bound.indexOf("<jid>") + 5, bound.indexOf("</jid>"));
        return s;
    }

    @Test
    void aBoshClientLogsInAndChatsWithATcpClient() {
        Account account = server.newAccount();
        Session juliet = login(account);
        assertTrue(juliet.jid.startsWith(account.jid().toBareJID() + "/"), juliet.jid);
        TestClient romeo = server.newUser();
        juliet.send("<message xmlns='jabber:client' to='" + romeo.address() + "' type='chat'><body>over BOSH</body></message>");
        romeo.receivesMessage(m -> "over BOSH".equals(m.getBody()));
        romeo.sendChat(new org.xmpp.packet.JID(juliet.jid), "back to the browser");
        String polled = "";
        for (int i = 0; i < 5 && !polled.contains("back to the browser"); i++) {
            polled = juliet.send("");
        }
        assertTrue(polled.contains("back to the browser") && polled.contains("<message"), polled);
    }

    @Test
    void aLostAnswerIsSentAgainAndOutOfOrderRequestsEndTheSession() {
        Session s = login(server.newAccount());
        String answer = s.send("<iq xmlns='jabber:client' type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertTrue(answer.contains("id=\"p1\""), answer);
        // XEP-0124 §14.3: the same rid again gets the same answer.
        String again = post("<body xmlns='" + NS + "' sid='" + s.sid + "' rid='" + (s.rid - 1) + "'/>");
        assertEquals(answer, again);
        String skipped = post("<body xmlns='" + NS + "' sid='" + s.sid + "' rid='" + (s.rid + 5) + "'/>");
        assertTrue(skipped.contains("type='terminate'") && skipped.contains("item-not-found"), skipped);
    }

    @Test
    void badRequestsGetTerminateConditions() {
        assertTrue(post("<body xmlns='" + NS + "' sid='nosuchsession' rid='5'/>").contains("item-not-found"));
        assertTrue(post("<body rid='1' to='localhost'/>").contains("bad-request"));
        assertTrue(post("not xml at all").contains("bad-request"));
        assertTrue(post("<body xmlns='" + NS + "' rid='1' to='elsewhere.example'/>").contains("host-unknown"));
        Session s = login(server.newAccount());
        String broken = s.send("<message xmlns='jabber:client'><body>unclosed</message>");
        assertTrue(broken.contains("type='terminate'") && broken.contains("not-well-formed"), broken);
        TestClient other = server.newUser();
        other.sync();
    }

    @Test
    void hostMetaNamesTheBoshEndpoint() throws Exception {
        String base = "https://localhost:" + server.server().httpPort();
        String json = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"urn:xmpp:alt-connections:xbosh\",\"href\":\"" + base + "/http-bind\""), json);
    }
}
