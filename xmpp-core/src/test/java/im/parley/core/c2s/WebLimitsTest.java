package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Await;
import im.parley.testing.BoshClient;
import im.parley.testing.ParleyServer;
import im.parley.testing.WebSocketClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WebSocket and BOSH streams count against the c2s connection limit per address, with TCP ones. */
class WebLimitsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().env("PARLEY_C2S_MAX_CONNECTIONS_PER_IP", "2").build();

    private static URI ws() {
        return URI.create("wss://localhost:" + server.server().httpPort() + "/xmpp-websocket");
    }

    @Test
    void aThirdStreamFromOneAddressIsRefusedUntilOneCloses() {
        WebSocketClient first = WebSocketClient.connect(ws());
        BoshClient second = new BoshClient(URI.create("https://localhost:" + server.server().httpPort() + "/http-bind"));
        second.login(server.newAccount());
        Exception refused = assertThrows(Exception.class, () -> WebSocketClient.connect(ws()));
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException handshake
                && handshake.getResponse().statusCode() == 429, String.valueOf(refused));
        String bosh = second.post("<body xmlns='" + BoshClient.NS + "' rid='1' to='localhost' wait='1' hold='1' ver='1.6'/>");
        assertTrue(bosh.contains("policy-violation"), bosh);

        first.close();
        Await.until("a stream can be opened again", () -> {
            try (WebSocketClient again = WebSocketClient.connect(ws())) {
                return again.open("localhost").contains("<open");
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
