package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestCertificates;
import im.parley.testing.TestClient;
import im.parley.testing.WebSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XMPP over WebSocket (RFC 7395) into the same session layer as TCP, and its discovery (XEP-0156). */
class WebSocketTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().env("PARLEY_C2S_MAX_STANZA_SIZE", "20000").build();

    private static URI endpoint() {
        return URI.create("wss://localhost:" + server.server().httpPort() + "/xmpp-websocket");
    }

    @Test
    void aWebClientLogsInAndChatsWithATcpClient() {
        Account account = server.newAccount();
        TestClient romeo = server.newUser();
        try (WebSocketClient juliet = WebSocketClient.connect(endpoint())) {
            String opened = juliet.open(account.domain());
            assertTrue(opened.startsWith("<open xmlns=\"" + WebSocketClient.FRAMING + "\""), opened);
            String features = juliet.next("</stream:features>");
            assertTrue(features.contains("xmlns:stream=\"http://etherx.jabber.org/streams\""), features);
            assertTrue(!features.contains("starttls"), "no STARTTLS over WebSocket: " + features);
            juliet.close();
        }
        try (WebSocketClient juliet = WebSocketClient.connect(endpoint())) {
            String jid = juliet.login(account);
            assertTrue(jid.startsWith(account.jid().toBareJID() + "/"), jid);
            juliet.send("<presence xmlns='jabber:client'/>");
            juliet.send("<message xmlns='jabber:client' to='" + romeo.address() + "' type='chat'><body>from the browser</body></message>");
            romeo.receivesMessage(m -> "from the browser".equals(m.getBody()));
            romeo.sendChat(new org.xmpp.packet.JID(jid), "from the phone");
            String message = juliet.next("from the phone");
            assertTrue(message.startsWith("<message") && message.contains("xmlns=\"jabber:client\""), message);
        }
    }

    @Test
    void malformedXmlEndsTheStreamWithAnErrorAndOtherUsersCarryOn() {
        Account account = server.newAccount();
        try (WebSocketClient broken = WebSocketClient.connect(endpoint())) {
            broken.login(account);
            broken.send("<message xmlns='jabber:client'><body>unclosed</message>");
            String error = broken.next("stream:error");
            assertTrue(error.contains("not-well-formed") || error.contains("bad-format") || error.contains("invalid-xml"), error);
            broken.next(m -> m.contains("<close") || m.startsWith("#closed"));
        }
        try (WebSocketClient fine = WebSocketClient.connect(endpoint())) {
            assertTrue(fine.login(server.newAccount()).contains("/"));
        }
    }

    @Test
    void anOversizedMessageClosesOnlyThatSocket() {
        try (WebSocketClient big = WebSocketClient.connect(endpoint())) {
            big.login(server.newAccount());
            big.send("<message xmlns='jabber:client' to='nobody@localhost'><body>" + "x".repeat(40_000) + "</body></message>");
            // RFC 6455 §7.4.1: 1009, the message is too big to process.
            String end = big.next(m -> m.startsWith("#closed") || m.startsWith("#error"));
            assertEquals("#closed 1009", end);
        }
        TestClient other = server.newUser();
        other.sync();
    }

    @Test
    void streamManagementResumesOnANewSocket() {
        Account account = server.newAccount();
        TestClient romeo = server.newUser();
        WebSocketClient first = WebSocketClient.connect(endpoint());
        String jid = first.login(account);
        first.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
        String enabled = first.next("<enabled");
        String previd = enabled.replaceAll("(?s).* id=['\"]([^'\"]+)['\"].*", "$1");
        first.send("<presence xmlns='jabber:client'/>");
        first.abort(); // the socket drops without a close: a phone losing its network
        romeo.sendChat(new org.xmpp.packet.JID(jid), "while you were away");
        try (WebSocketClient second = WebSocketClient.connect(endpoint())) {
            second.open(account.domain());
            second.next("</stream:features>");
            second.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + java.util.Base64.getEncoder()
                    .encodeToString(("\0" + account.username() + "\0" + account.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + "</auth>");
            second.next("<success");
            second.open(account.domain());
            second.next("</stream:features>");
            second.send("<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='0'/>");
            assertTrue(second.next(m -> m.contains("<resumed") || m.contains("<failed")).contains("<resumed"), "XEP-0198 resumption");
            assertTrue(second.next("while you were away").contains("<message"));
        }
    }

    @Test
    void theXmppSubprotocolIsRequired() {
        Exception refused = assertThrows(Exception.class, () -> WebSocketClient.connect(endpoint(), null));
        assertTrue(String.valueOf(refused.getCause()).contains("400") || String.valueOf(refused).contains("400")
                || String.valueOf(refused.getCause()).toLowerCase().contains("handshake"), String.valueOf(refused));
    }

    @Test
    void hostMetaNamesTheWebSocketEndpoint() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TestCertificates.clientContext()).build();
        String base = "https://localhost:" + server.server().httpPort();
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.body().contains("\"href\":\"" + endpoint() + "\""), json.body());
        HttpResponse<String> xrd = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/host-meta")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(xrd.body().contains("rel='urn:xmpp:alt-connections:websocket' href='" + endpoint() + "'"), xrd.body());
        assertEquals("*", xrd.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }
}
