package im.parley.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** The load tool without TLS, against a server started with c2s.require_tls false. */
@Timeout(60)
class PlainStreamLoadTest {
    private static final String PASSWORD = "load-test-password";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with()
            .env("PARLEY_C2S_REQUIRE_TLS", "false")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "10000")
            .build();

    @Test
    void clientsLogInAndExchangeMessagesWithoutTls() throws Exception {
        for (int i = 0; i < 10; i++) {
            server.server().accounts().create(new JID("clear" + i, server.domain(), null), PASSWORD);
        }
        LoadTarget target = LoadTarget.of("127.0.0.1", server.port(), server.domain(), false).withUsers("clear%d", PASSWORD);
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult logins = new ConnectRun(connector, target, 10, 0, Duration.ofSeconds(20))
                    .run(XmppClient.Purpose.LOGIN, 0, 10);
            assertEquals(10, logins.succeeded(), logins.summary());

            MessageResult result = new MessageRun(new MessageRun.Settings(MessageRun.Mode.SATURATE, 4, 0,
                    Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5))).run(logins.online(), false);

            assertEquals(5, result.pairs());
            assertTrue(result.received() > 0);
            assertEquals(result.sent(), result.received(), result.summary());
            assertEquals(result.sentInWindow(), result.latency().count());
        }
    }

    @Test
    void plainIsRefusedWithoutTls() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LoadTarget.of("127.0.0.1", server.port(), server.domain(), false).withMechanism("PLAIN"));
    }
}
