package im.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.core.XmppServer;
import im.parley.core.config.ConfigSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.packet.JID;

/** Smack's WebSocket transport (RFC 7395) logs in to Parley and chats with a Smack client on TCP. */
class SmackWebSocketTest {
    private static XmppServer server;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("parley-interop");
        // Plain TCP and plain HTTP on loopback: the test certificate lives in the other test suite.
        String yaml = "server:\n  domains: [localhost]\n  data_dir: " + data + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n  require_tls: false\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n  tls: false\n"
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "auth:\n  scram_iterations: 4096\n";
        server = XmppServer.builder().config(ConfigSource.fromYaml(yaml, Map.of())).modules(List.of()).start();
        server.accounts().create(new JID("juliet", "localhost", null), "juliet-secret-1");
        server.accounts().create(new JID("romeo", "localhost", null), "romeo-secret-1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ModularXmppClientToServerConnection webSocket() throws Exception {
        ModularXmppClientToServerConnectionConfiguration.Builder builder = ModularXmppClientToServerConnectionConfiguration.builder();
        builder.removeAllModules();
        builder.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(builder)
                .explicitlySetWebSocketEndpointAndDiscovery(new URI("ws://127.0.0.1:" + server.httpPort() + "/xmpp-websocket"), false)
                .build());
        builder.setXmppDomain("localhost")
                .setUsernameAndPassword("juliet", "juliet-secret-1")
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setResource("browser");
        return new ModularXmppClientToServerConnection(builder.build());
    }

    @Test
    void smacksWebSocketClientChatsWithATcpClient() throws Exception {
        ModularXmppClientToServerConnection juliet = webSocket();
        XMPPTCPConnection romeo = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost").setHost("127.0.0.1").setPort(server.port())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setUsernameAndPassword("romeo", "romeo-secret-1").setResource("phone").build());
        try {
            juliet.connect().login();
            romeo.connect().login();
            assertTrue(juliet.isAuthenticated());
            assertEquals("juliet@localhost/browser", juliet.getUser().toString());

            try (StanzaCollector atRomeo = romeo.createStanzaCollector(MessageWithBodiesFilter.INSTANCE);
                 StanzaCollector atJuliet = juliet.createStanzaCollector(MessageWithBodiesFilter.INSTANCE)) {
                juliet.sendStanza(StanzaBuilder.buildMessage().to(JidCreate.from("romeo@localhost/phone"))
                        .ofType(Message.Type.chat).setBody("over the WebSocket").build());
                Message first = atRomeo.nextResult(TimeUnit.SECONDS.toMillis(10));
                assertNotNull(first, "romeo on TCP gets juliet's message");
                assertEquals("over the WebSocket", first.getBody());
                assertEquals("juliet@localhost/browser", first.getFrom().toString());

                romeo.sendStanza(StanzaBuilder.buildMessage().to(juliet.getUser()).ofType(Message.Type.chat)
                        .setBody("back over TCP").build());
                Message second = atJuliet.nextResult(TimeUnit.SECONDS.toMillis(10));
                assertNotNull(second, "juliet on the WebSocket gets romeo's message");
                assertEquals("back over TCP", second.getBody());
            }
        } finally {
            juliet.disconnect();
            romeo.disconnect();
        }
    }
}
