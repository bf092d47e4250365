package im.parley.s2s;

import im.parley.testing.Account;
import im.parley.testing.TestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * A real Prosody (Debian's package) with its own config on a loopback address, for federation
 * tests. Its DNS for the Parley domains comes from a hosts file of the test's.
 */
final class ProsodyServer implements AutoCloseable {
    static final String DOMAIN = "prosody.test";
    static final String ADDRESS = "127.0.0.2";

    private final Path dir;
    private final List<TestClient> clients = new ArrayList<>();
    private Process process;

    private ProsodyServer(Path dir) {
        this.dir = dir;
    }

    /** Whether Prosody is installed; the test is skipped without it unless PARLEY_PROSODY_TEST=required. */
    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/prosody")) && Files.isExecutable(Path.of("/usr/bin/prosodyctl"));
    }

    /** Starts Prosody, resolving the given domains to an address where Parley listens on 5269. */
    static ProsodyServer start(Map<String, String> hosts) throws Exception {
        ProsodyServer prosody = new ProsodyServer(Files.createTempDirectory("prosody-test"));
        prosody.configure(hosts);
        prosody.launch();
        return prosody;
    }

    private void configure(Map<String, String> hosts) throws IOException {
        // An RSA key from openssl: the LuaSec of Debian's Prosody cannot read every PKCS#8 key Java writes.
        run(new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", dir.resolve("prosody.key").toString(), "-out", dir.resolve("prosody.crt").toString(),
                "-subj", "/CN=" + DOMAIN, "-addext", "subjectAltName=DNS:" + DOMAIN), "openssl req");
        StringBuilder hostsFile = new StringBuilder();
        hosts.forEach((domain, address) -> hostsFile.append(address).append(' ').append(domain).append('\n'));
        Files.writeString(dir.resolve("hosts"), hostsFile);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("prosody.cfg.lua"), String.join("\n",
                "run_as_root = true",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + dir.resolve("data") + "\"",
                "log = { { levels = { min = \"info\" }, to = \"file\", filename = \"" + dir.resolve("prosody.log") + "\" } }",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"tls\"; \"dialback\"; \"disco\"; \"ping\"; \"presence\"; \"s2s\" }",
                "modules_disabled = { \"posix\" }",
                "c2s_interfaces = { \"" + ADDRESS + "\" }",
                "s2s_interfaces = { \"" + ADDRESS + "\" }",
                "c2s_require_encryption = false",
                "s2s_require_encryption = true",
                "s2s_secure_auth = false",
                "authentication = \"internal_hashed\"",
                "unbound = { hoststxt = \"" + dir.resolve("hosts") + "\" }",
                "VirtualHost \"" + DOMAIN + "\"",
                "  ssl = { certificate = \"" + dir.resolve("prosody.crt") + "\"; key = \"" + dir.resolve("prosody.key") + "\" }",
                ""));
    }

    private static void run(ProcessBuilder command, String what) throws IOException {
        Process p = command.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted");
        }
    }

    private void launch() throws Exception {
        process = new ProcessBuilder("prosody", "--config", dir.resolve("prosody.cfg.lua").toString(), "-F")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prosody exited: " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(ADDRESS, 5222), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("Prosody did not start listening: " + log());
    }

    /** Prosody's log so far, for failure messages. */
    String log() {
        try {
            Path log = dir.resolve("prosody.log");
            String text = (Files.exists(log) ? Files.readString(log) : "") + Files.readString(dir.resolve("stdout.txt"));
            return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Registers a fresh account with prosodyctl and logs it in with Smack. */
    TestClient newUser() throws Exception {
        Account account = new Account("alice-" + UUID.randomUUID().toString().substring(0, 8), DOMAIN, "secret-" + UUID.randomUUID());
        run(new ProcessBuilder("prosodyctl", "--config", dir.resolve("prosody.cfg.lua").toString(),
                "register", account.username(), DOMAIN, account.password()), "prosodyctl register");
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setHostAddress(java.net.InetAddress.getByName(ADDRESS))
                .setPort(5222)
                .setUsernameAndPassword(account.username(), account.password())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setConnectTimeout((int) TestClient.TIMEOUT.toMillis())
                .build();
        TestClient client = TestClient.connect(config, account);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
