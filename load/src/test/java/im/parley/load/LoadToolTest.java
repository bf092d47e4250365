package im.parley.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.account.AccountException;
import im.parley.testing.ParleyServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** The load tool's engine against an in-process server that requires TLS: logins, messages, failures, registration. */
@Timeout(60)
class LoadToolTest {
    private static final String PASSWORD = "load-test-password";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new StubRegistrationModule())
            .env("PARLEY_C2S_MAX_CONNECTIONS_PER_IP", "10000")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "10000")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND", "10000")
            .build();

    private static LoadTarget target(String pattern) {
        return LoadTarget.of("127.0.0.1", server.port(), server.domain(), true).withUsers(pattern, PASSWORD);
    }

    private static void createAccounts(String pattern, int count) throws AccountException {
        for (int i = 0; i < count; i++) {
            server.server().accounts().create(new JID(String.format(pattern, i), server.domain(), null), PASSWORD);
        }
    }

    private static ConnectResult login(ClientConnector connector, LoadTarget target, int count) throws InterruptedException {
        return new ConnectRun(connector, target, 20, 0, Duration.ofSeconds(20)).run(XmppClient.Purpose.LOGIN, 0, count);
    }

    @Test
    void fiftyClientsLogInWithTls() throws Exception {
        createAccounts("tls%d", 50);
        LoadTarget target = target("tls%d");
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult result = login(connector, target, 50);

            assertEquals(Map.of(), result.failures());
            assertEquals(50, result.succeeded());
            assertEquals(50, result.latency().count());
            result.online().forEach(c -> assertTrue(c.online() && c.jid().startsWith(c.username() + "@localhost/"), c.jid()));
            assertTrue(result.json().contains("\"succeeded\":50"), result.json());
        }
    }

    @Test
    void twentyPairsExchangeMessagesAndEveryArrivalHasALatency() throws Exception {
        createAccounts("pair%d", 40);
        LoadTarget target = target("pair%d");
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult logins = login(connector, target, 40);
            assertEquals(40, logins.succeeded(), logins.summary());

            MessageResult saturated = new MessageRun(new MessageRun.Settings(MessageRun.Mode.SATURATE, 5, 0,
                    Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5))).run(logins.online(), true);

            assertEquals(20, saturated.pairs());
            assertTrue(saturated.sent() > 100, saturated.summary());
            assertEquals(saturated.sent(), saturated.received(), saturated.summary());
            assertEquals(0, saturated.lost());
            assertEquals(0, saturated.bounced());
            assertEquals(saturated.sentInWindow(), saturated.latency().count(), "one latency per message sent in the window");
            assertTrue(saturated.latency().percentileMicros(50) > 0);

            MessageResult paced = new MessageRun(new MessageRun.Settings(MessageRun.Mode.RATE, 0, 400,
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))).run(logins.online(), true);

            assertEquals(paced.sent(), paced.received(), paced.summary());
            assertEquals(paced.sentInWindow(), paced.latency().count());
            assertTrue(paced.sentInWindow() >= 350 && paced.sentInWindow() <= 450, paced.summary());
        }
    }

    @Test
    void wrongPasswordIsReportedAsFailedLogin() throws Exception {
        createAccounts("wrong%d", 1);
        LoadTarget target = target("wrong%d").withUsers("wrong%d", "not-the-password");
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult result = login(connector, target, 1);

            assertEquals(0, result.succeeded());
            assertEquals(Map.of("sasl: not-authorized", 1L), result.failures());
            assertTrue(result.json().contains("\"failed\":1"), result.json());
        }
    }

    @Test
    void plainOverTlsLogsIn() throws Exception {
        createAccounts("plain%d", 5);
        LoadTarget target = target("plain%d").withMechanism("PLAIN");
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            assertEquals(5, login(connector, target, 5).succeeded());
        }
    }

    @Test
    void registrationCreatesAccountsThenFindsThemExisting() throws Exception {
        LoadTarget target = target("reg%d");
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectRun run = new ConnectRun(connector, target, 5, 0, Duration.ofSeconds(20));
            ConnectResult first = run.run(XmppClient.Purpose.REGISTER, 0, 5);
            ConnectResult again = run.run(XmppClient.Purpose.REGISTER, 0, 5);
            ConnectResult logins = run.run(XmppClient.Purpose.LOGIN, 0, 5);

            assertEquals(5, first.created(), first.summary());
            assertEquals(5, again.existed(), again.summary());
            assertEquals(5, logins.succeeded(), logins.summary());
            assertNotNull(logins.online().get(0).jid());
        }
    }

    @Test
    void withAPeerTheSecondSessionOfEachPairConnectsToThePeer() throws Exception {
        createAccounts("peer%d", 6);
        LoadTarget target = target("peer%d");
        Placement placement = Placement.acrossPairs(target, "127.0.0.1", 1, 0); // nothing listens on port 1
        try (ClientConnector connector = new ClientConnector(target, 2, placement)) {
            ConnectResult result = login(connector, target, 6);

            assertEquals(List.of(0, 2, 4), result.online().stream().map(XmppClient::index).toList(), result.summary());
            assertEquals(3, result.failed());
            assertTrue(result.failures().keySet().iterator().next().startsWith("connect:"), result.failures().toString());
        }
    }

    @Test
    void refusedConnectionIsAFailure() throws Exception {
        LoadTarget target = LoadTarget.of("127.0.0.1", 1, server.domain(), true);
        try (ClientConnector connector = new ClientConnector(target, 1)) {
            ConnectResult result = login(connector, target, 2);

            assertEquals(2, result.failed());
            assertTrue(result.failures().keySet().iterator().next().startsWith("connect:"), result.failures().toString());
        }
    }
}
