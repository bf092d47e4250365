package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Await;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Acknowledge after durable (XEP-0198 with storage): once the server has acknowledged a message,
 * killing the server process with SIGKILL does not lose it. The server runs as its own process
 * on the embedded database, as installed.
 */
class DurableAckTest {
    private static final String PASSWORD = "durable-password-1";

    @TempDir
    Path dir;
    private ServerProcess server;
    private final List<XMPPTCPConnection> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() {
        clients.forEach(XMPPTCPConnection::disconnect);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMessageTheServerAcknowledgedSurvivesAKill() throws Exception {
        int port = ClusterNodes.freePort();
        Path config = dir.resolve("parley.yml");
        Files.writeString(config, "server:\n  domains: [localhost]\n  data_dir: " + dir.resolve("data") + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: " + port + "\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n"
                + "s2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "auth:\n  scram_iterations: 4096\n");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, PASSWORD + "\n");
        for (String user : List.of("romeo@localhost", "juliet@localhost")) {
            assertEquals(0, Main.run("user", "add", "--config", config.toString(), "--password-file", secret.toString(), user));
        }
        server = startAndAwait(config, port);

        XMPPTCPConnection romeo = connect(port, "romeo");
        assertTrue(romeo.isSmEnabled(), "stream management enabled");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        romeo.addStanzaAcknowledgedListener(s -> acknowledged.add(s.getStanzaId()));
        romeo.sendStanza(StanzaBuilder.buildMessage("durable-1").to(JidCreate.entityBareFrom("juliet@localhost"))
                .ofType(Message.Type.chat).setBody("kept through a crash").build());
        romeo.requestSmAcknowledgement();
        Await.until("the server acknowledged the message", () -> acknowledged.contains("durable-1"));
        server.kill(); // right after the ack: nothing else may have saved it

        server = startAndAwait(config, port);
        List<String> bodies = new CopyOnWriteArrayList<>();
        XMPPTCPConnection juliet = connection(port, "juliet");
        juliet.addAsyncStanzaListener(s -> bodies.add(((Message) s).getBody()), s -> s instanceof Message);
        juliet.connect().login();
        Await.until("juliet got the message after the restart", () -> bodies.contains("kept through a crash"));
    }

    private ServerProcess startAndAwait(Path config, int port) throws Exception {
        ServerProcess process = ServerProcess.start(config);
        Await.until("the server takes clients", java.time.Duration.ofSeconds(60), () -> process.accepts(port));
        return process;
    }

    private XMPPTCPConnection connect(int port, String user) throws Exception {
        XMPPTCPConnection connection = connection(port, user);
        connection.connect().login();
        return connection;
    }

    private XMPPTCPConnection connection(int port, String user) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(port)
                .setUsernameAndPassword(user, PASSWORD)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(new ServerProcess.TrustAll())
                .build());
        clients.add(connection);
        return connection;
    }
}
