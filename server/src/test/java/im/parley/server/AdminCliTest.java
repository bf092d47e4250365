package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** {@code bin/parley admin ...} drives the running server through its admin API. */
class AdminCliTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(Parley.builtInModules().toArray(im.parley.api.Module[]::new))
            .domains("localhost").yaml(ClusterNodes.LOOPBACK_S2S).build();

    /** Runs a command line against the test server (its admin port and token in a config file); returns exit code and output. */
    private static String[] run(String... args) throws Exception {
        Path config = Files.createTempFile("admin-cli", ".yml");
        Files.writeString(config, "server:\n  domains: [localhost]\n  data_dir: " + server.dataDir() + "\n"
                + "management:\n  port: " + server.server().adminPort() + "\n  token: " + server.server().adminToken() + "\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        System.setErr(new PrintStream(captured, true));
        try {
            String[] full = new String[args.length + 2];
            System.arraycopy(args, 0, full, 0, args.length);
            full[args.length] = "--config";
            full[args.length + 1] = config.toString();
            int code = Main.run(full);
            return new String[] {Integer.toString(code), captured.toString()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void adminsManageUsersSessionsAndAnnouncementsFromTheShell() throws Exception {
        String[] status = run("admin", "status");
        assertEquals("0", status[0], status[1]);
        assertTrue(status[1].contains("\"ready\" : true"), status[1]);

        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String[] added = run("admin", "add-user", name + "@localhost", "--password", "a-long-password");
        assertEquals("0", added[0], added[1]);
        TestClient user = server.login(new Account(name, "localhost", "a-long-password"));
        assertTrue(run("admin", "sessions")[1].contains(user.jid().toString()));

        String[] told = run("admin", "broadcast", "upgrade tonight");
        assertEquals("0", told[0], told[1]);
        user.receivesMessage(m -> "upgrade tonight".equals(m.getBody()));

        assertEquals("0", run("admin", "kick", user.jid().toString())[0]);
        Await.until("the user is disconnected", () -> !user.isConnected());

        assertEquals("0", run("admin", "delete-user", name + "@localhost")[0]);
        assertFalse(server.server().accounts().exists(new JID(name, "localhost", null)));
        String[] again = run("admin", "delete-user", name + "@localhost");
        assertEquals("1", again[0]);
        assertTrue(again[1].contains("404") && again[1].contains("no account"), again[1]);
    }
}
