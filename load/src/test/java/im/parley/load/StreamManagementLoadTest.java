package im.parley.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.account.AccountException;
import im.parley.testing.ParleyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;
import picocli.CommandLine;

/**
 * The load tool with stream management (XEP-0198, {@code --sm}) against in-process servers without
 * TLS: one with the default limits, and one that disconnects a client after ten unacknowledged
 * stanzas, so a receiver that failed to answer the server's {@code <r/>} would be dropped.
 */
@Timeout(60)
class StreamManagementLoadTest {
    private static final String PASSWORD = "load-test-password";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with()
            .env("PARLEY_C2S_REQUIRE_TLS", "false")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "10000")
            .build();

    @RegisterExtension
    static final ParleyServer strict = ParleyServer.with()
            .env("PARLEY_C2S_REQUIRE_TLS", "false")
            .env("PARLEY_C2S_MAX_UNACKED_STANZAS", "10")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "10000")
            .build();

    private static LoadTarget target(String pattern, int count) throws AccountException {
        return target(server, pattern, count);
    }

    private static LoadTarget target(ParleyServer server, String pattern, int count) throws AccountException {
        for (int i = 0; i < count; i++) {
            server.server().accounts().create(new JID(String.format(pattern, i), server.domain(), null), PASSWORD);
        }
        return LoadTarget.of("127.0.0.1", server.port(), server.domain(), false).withUsers(pattern, PASSWORD)
                .withStreamManagement(true);
    }

    private static ConnectResult login(ClientConnector connector, LoadTarget target, int count) throws InterruptedException {
        return new ConnectRun(connector, target, 10, 0, Duration.ofSeconds(20)).run(XmppClient.Purpose.LOGIN, 0, count);
    }

    @Test
    void sessionsAreOnlineOnlyWithStreamManagementEnabled() throws Exception {
        LoadTarget target = target("smlogin%d", 4);
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult result = login(connector, target, 4);

            assertEquals(Map.of(), result.failures());
            result.online().forEach(c -> assertTrue(c.managed(), c.username()));
            assertTrue(result.summary().contains("stream management"), result.summary());
            assertTrue(result.json().contains("\"sm\":true"), result.json());
        }
    }

    @Test
    void everyMessageIsDeliveredAndAcknowledgedWithALatency() throws Exception {
        LoadTarget target = target("smpair%d", 20);
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult logins = login(connector, target, 20);
            assertEquals(20, logins.succeeded(), logins.summary());

            MessageResult saturated = new MessageRun(new MessageRun.Settings(MessageRun.Mode.SATURATE, 5, 0,
                    Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5))).run(logins.online(), false);

            assertEquals(10, saturated.pairs());
            assertTrue(saturated.sm() && saturated.acksRequested(), saturated.summary());
            assertTrue(saturated.sent() > 100, saturated.summary());
            assertEquals(saturated.sent(), saturated.received(), saturated.summary());
            assertEquals(0, saturated.disconnects(), saturated.summary()); // receivers answered every <r/>
            assertEquals(saturated.sent(), saturated.acked(), saturated.summary());
            assertEquals(saturated.sentInWindow(), saturated.ackLatency().count(), "one ack latency per message sent in the window");
            assertTrue(saturated.ackLatency().percentileMicros(50) > 0);
            assertTrue(saturated.clean(), saturated.summary());

            assertEquals(Map.of(), saturated.disconnectReasons());

            // One <r/> per 7 messages: the drain asks for the rest, so everything is still acknowledged.
            MessageResult paced = new MessageRun(new MessageRun.Settings(MessageRun.Mode.RATE, 0, 300,
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 7)).run(logins.online(), false);

            assertEquals(paced.sent(), paced.received(), paced.summary());
            assertEquals(paced.sent(), paced.acked(), paced.summary());
            assertEquals(paced.sentInWindow(), paced.ackLatency().count());
            assertEquals(0, paced.disconnects(), paced.summary());
            assertTrue(paced.json().contains("\"ack_latency_p99_us\":"), paced.json());
        }
    }

    @Test
    void receiversAnswerTheServersAckRequests() throws Exception {
        LoadTarget target = target(strict, "smstrict%d", 2);
        try (ClientConnector connector = new ClientConnector(target, 2)) {
            ConnectResult logins = login(connector, target, 2);
            assertEquals(2, logins.succeeded(), logins.summary());

            // Slow enough that only a stall of 400 ms could leave 10 unacknowledged, yet 27 messages:
            // a receiver that did not answer would be disconnected on the 11th.
            MessageResult result = new MessageRun(new MessageRun.Settings(MessageRun.Mode.RATE, 0, 25,
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5))).run(logins.online(), false);

            assertTrue(result.received() > 20, result.summary());
            assertEquals(0, result.disconnects(), result.summary());
            assertTrue(result.clean(), result.summary());
            assertTrue(logins.online().stream().allMatch(XmppClient::online));
        }
    }

    @Test
    void messagesCommandWithSmReportsAckLatency() throws Exception {
        target("smcli%d", 4);
        List<String> args = new ArrayList<>(List.of("messages", "--sm", "--no-tls", "--port", String.valueOf(server.port()),
                "--domain", server.domain(), "--user", "smcli%d", "--password", PASSWORD, "-n", "4", "--window", "3",
                "--warmup", "100ms", "--duration", "500ms", "--drain", "5s", "--io-threads", "2"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            status = new CommandLine(new LoadCommand()).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        String output = captured.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, output);
        assertTrue(output.contains("ack latency ("), output);
        String json = output.lines().filter(l -> l.contains("\"scenario\":\"messages\"")).findFirst().orElseThrow();
        assertTrue(json.contains("\"sm\":true") && json.contains("\"lost\":0,") && json.contains("\"unacked\":0,"), json);
        assertFalse(json.contains("\"ack_latency_p50_us\":0,"), json);
    }

    @Test
    void acknowledgementsWrapAt2To32() {
        assertEquals(5, StreamAcks.advance(0, 5));
        assertEquals(StreamAcks.WRAP + 3, StreamAcks.advance(StreamAcks.WRAP - 2, 3));
        assertEquals(2 * StreamAcks.WRAP, StreamAcks.advance(StreamAcks.WRAP + 10, 0));
    }
}
