package im.parley.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.muc.MucModule;
import im.parley.testing.ParleyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;
import picocli.CommandLine;

/** The load tool's muc scenario against an in-process server with group chat: all enter, every message reaches all. */
@Timeout(120)
class MucLoadTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new MucModule())
            .env("PARLEY_C2S_MAX_CONNECTIONS_PER_IP", "10000")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND_PER_IP", "10000")
            .env("PARLEY_C2S_NEW_CONNECTIONS_PER_SECOND", "10000")
            .build();

    @Test
    void twentyOccupantsEnterAndEveryMessageReachesAll() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.server().accounts().create(new JID("mucload" + i, server.domain(), null), "muc-load-password");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new LoadCommand()).execute("muc", "--port", String.valueOf(server.port()),
                    "--user", "mucload%d", "--password", "muc-load-password", "-n", "20", "--messages", "10",
                    "--window", "2", "--timeout", "30s");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertTrue(out.contains("muc join: 20 of 20 occupants"), out);
        assertTrue(out.contains("200 of 200 deliveries"), out);
    }
}
