package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.config.ConfigException;
import im.parley.core.config.ConfigSource;
import im.parley.core.tls.PemFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as an admin uses it: config check, the user command, start with a generated
 * certificate and the embedded database, restart with the data kept.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("parley.yml");
        Files.writeString(file, "server:\n  domains: [localhost]\n  data_dir: " + dir.resolve("data") + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n"
                + "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "auth:\n  scram_iterations: 4096\n" + extra);
        return file;
    }

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void theShippedConfigIsValid() {
        String[] result = run("config", "check", "--config", "../conf/parley.yml");
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].contains("is valid"), result[1]);
    }

    @Test
    void anInvalidConfigNamesTheKey() throws Exception {
        String[] result = run("config", "check", "--config", config("register:\n  allow_registration: maybe\n").toString());
        assertEquals("2", result[0]);
        assertTrue(result[2].contains("'register.allow_registration'"), result[2]);
        String[] unknown = run("config", "check", "--config", config("pign:\n  interval: 1m\n").toString());
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("'pign': unknown section"), unknown[2]);
        String[] missing = run("config", "check", "--config", dir.resolve("nope.yml").toString());
        assertTrue(missing[2].contains("does not exist"), missing[2]);
    }

    @Test
    void startFailsOnAnInvalidConfigWithTheKey() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Parley.start(ConfigSource.load(config(""), Map.of("PARLEY_C2S_PORT", "99999"))));
        assertTrue(e.getMessage().contains("'c2s.port'"), e.getMessage());
    }

    @Test
    void usersAddedByTheCliLogInAndSurviveARestart() throws Exception {
        Path file = config("");
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "correct-horse\n");
        assertEquals("0", run("user", "add", "--config", file.toString(), "--password-file", secret.toString(), "alice@localhost")[0]);
        String[] weak = run("user", "add", "--config", file.toString(), "--password", "short", "bob@localhost");
        assertEquals("1", weak[0]);
        assertTrue(weak[2].contains("at least 8"), weak[2]);

        try (Parley parley = Parley.start(ConfigSource.load(file, Map.of()))) {
            login(parley, "alice", "correct-horse");
            // The CLI works while the server runs (the embedded database accepts a second process).
            Files.writeString(secret, "another-one\n");
            assertEquals("0", run("user", "add", "--config", file.toString(), "--password-file", secret.toString(), "carol@localhost")[0]);
            login(parley, "carol", "another-one");
        }
        try (Parley again = Parley.start(ConfigSource.load(file, Map.of()))) {
            login(again, "alice", "correct-horse");
            String[] list = run("user", "list", "--config", file.toString());
            assertTrue(list[1].contains("alice@localhost") && list[1].contains("carol@localhost"), list[1]);
        }
    }

    @Test
    void deletingAUserFromTheCliAlsoDeletesTheirData() throws Exception {
        Path file = config("");
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "correct-horse\n");
        for (String user : new String[] {"alice@localhost", "bob@localhost"}) {
            assertEquals("0", run("user", "add", "--config", file.toString(), "--password-file", secret.toString(), user)[0]);
        }
        try (Parley parley = Parley.start(ConfigSource.load(file, Map.of()))) {
            XMPPTCPConnection bob = connect(parley, "bob", "correct-horse");
            bob.sendStanza(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().to(org.jxmpp.jid.impl.JidCreate.from("alice@localhost"))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody("kept for alice").build());
            bob.disconnect();
        }
        assertEquals("0", run("user", "delete", "--config", file.toString(), "alice@localhost")[0]);
        assertEquals("0", run("user", "add", "--config", file.toString(), "--password-file", secret.toString(), "alice@localhost")[0]);
        try (Parley parley = Parley.start(ConfigSource.load(file, Map.of()))) {
            XMPPTCPConnection alice = new XMPPTCPConnection(configuration(parley, "alice", "correct-horse"));
            java.util.concurrent.BlockingQueue<org.jivesoftware.smack.packet.Message> got = new java.util.concurrent.LinkedBlockingQueue<>();
            alice.addAsyncStanzaListener(m -> got.add((org.jivesoftware.smack.packet.Message) m),
                    m -> m instanceof org.jivesoftware.smack.packet.Message);
            alice.connect().login();
            // A new account with the old name does not inherit the old one's offline messages.
            assertEquals(null, got.poll(1, java.util.concurrent.TimeUnit.SECONDS));
            alice.disconnect();
        }
    }

    @Test
    void theReferenceDocumentIsUpToDate() throws Exception {
        String committed = Files.readString(Path.of("../docs/configuration.md"));
        assertEquals(ConfigCommand.Reference.reference(), committed,
                "docs/configuration.md is stale: regenerate it with `bin/parley config reference > docs/configuration.md`");
    }

    private XMPPTCPConnectionConfiguration configuration(Parley parley, String user, String password) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setHostAddress(java.net.InetAddress.getLoopbackAddress())
                .setPort(parley.server().port())
                .setUsernameAndPassword(user, password)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(trustGenerated())
                .build();
    }

    private XMPPTCPConnection connect(Parley parley, String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(configuration(parley, user, password));
        c.connect().login();
        return c;
    }

    private void login(Parley parley, String user, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(configuration(parley, user, password));
        try {
            c.connect().login();
            assertTrue(c.isAuthenticated());
        } finally {
            c.disconnect();
        }
    }

    /** Trusts the self-signed certificate the server generated in its data directory. */
    private X509TrustManager trustGenerated() throws Exception {
        Path tls = dir.resolve("data").resolve("tls");
        X509Certificate cert = PemFiles.load(tls.resolve("selfsigned.crt"), tls.resolve("selfsigned.key")).leaf();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("parley", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }
}
