package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.BoshClient;
import im.parley.testing.ParleyServer;
import im.parley.testing.WebSocketClient;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Web streams that fall silent end like TCP ones after c2s.idle_timeout (2 s here). */
class WebIdleTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().env("PARLEY_C2S_IDLE_TIMEOUT", "2s").build();

    @Test
    void aSilentWebSocketClientIsDisconnected() {
        try (WebSocketClient silent = WebSocketClient.connect(URI.create("wss://localhost:" + server.server().httpPort() + "/xmpp-websocket"))) {
            silent.login(server.newAccount());
            String error = silent.next("stream:error");
            assertTrue(error.contains("connection-timeout"), error);
            silent.next(m -> m.contains("<close") || m.startsWith("#closed"));
        }
    }

    @Test
    void aBoshSessionWhoseClientStopsAskingEnds() {
        im.parley.testing.Account account = server.newAccount();
        BoshClient client = new BoshClient(URI.create("https://localhost:" + server.server().httpPort() + "/http-bind"));
        client.login(account);
        org.xmpp.packet.JID bare = new org.xmpp.packet.JID(client.jid()).asBareJID();
        assertTrue(!server.server().sessions().of(bare).isEmpty(), "bound");
        // No request for longer than the inactivity period: the server ends the session.
        im.parley.testing.Await.until("the session ends", java.time.Duration.ofSeconds(15),
                () -> server.server().sessions().of(bare).isEmpty());
        assertTrue(client.send("").contains("item-not-found"), "the session is gone");
    }
}
