package im.parley.s2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.ping.PingModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.io.IOException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** A bot attaches as an external component (XEP-0114) and talks with users; impostors are refused. */
class ComponentTest {
    static final ComponentsModule COMPONENTS = new ComponentsModule();
    static final String SECRET = "bot-secret-123";

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new PingModule(), COMPONENTS)
            .yaml("components:\n  port: 0\n  secrets: {bots.localhost: \"" + SECRET + "\", other.localhost: \"x\"}\n").build();

    private static RawClient open(String domain) throws IOException {
        RawClient raw = new RawClient("127.0.0.1", COMPONENTS.port());
        raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
        return raw;
    }

    /** Opens the stream and answers the handshake with the secret; returns the connected component. */
    private static RawClient connect(String domain, String secret) throws IOException {
        RawClient raw = open(domain);
        String header = raw.readUntil(">");
        String rest = header.contains(" id='") ? header : raw.readUntil(">");
        String id = rest.substring(rest.indexOf(" id='") + 5);
        id = id.substring(0, id.indexOf('\''));
        raw.send("<handshake>" + ComponentStream.sha1Hex(id + secret) + "</handshake>");
        return raw;
    }

    @Test
    void aConnectedBotAndAUserExchangeMessages() throws Exception {
        try (RawClient bot = connect("bots.localhost", SECRET)) {
            bot.readUntil("<handshake/>");
            TestClient romeo = server.newUser();
            romeo.sendChat(new JID("echo", "bots.localhost", null), "ping the bot");
            String got = bot.readUntil("</message>");
            assertTrue(got.contains("ping the bot") && got.contains("to=\"echo@bots.localhost\""), got);
            assertTrue(!got.contains("jabber:client"), got);
            bot.send("<message from='echo@bots.localhost' to='" + romeo.jid() + "' type='chat'><body>pong</body></message>");
            Message reply = romeo.receivesMessage(m -> "pong".equals(m.getBody()));
            assertEquals("echo@bots.localhost", reply.getFrom().toString());

            // A second stream for the same component is refused while the first is up.
            try (RawClient twin = connect("bots.localhost", SECRET)) {
                assertTrue(twin.readUntilClosed().contains("<conflict"));
            }
            // The component may only speak for its own domain.
            bot.send("<message from='admin@localhost' to='" + romeo.jid() + "'><body>spoofed</body></message>");
            assertTrue(bot.readUntilClosed().contains("<invalid-from"));
        }
    }

    @Test
    void aWrongSecretOrAnUnknownDomainIsRefused() throws Exception {
        try (RawClient wrong = connect("other.localhost", "not the secret")) {
            assertTrue(wrong.readUntilClosed().contains("<not-authorized"));
        }
        try (RawClient unknown = open("stranger.localhost")) {
            assertTrue(unknown.readUntilClosed().contains("<host-unknown"));
        }
    }

    @Test
    void messagesForAComponentThatIsNotConnectedBounce() {
        TestClient romeo = server.newUser();
        romeo.sendChat(new JID("anyone", "other.localhost", null), "are you there?");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
    }
}
