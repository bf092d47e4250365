package im.parley.module;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.ping.PingModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server pings silent clients and closes the streams of those that do not answer. */
class ServerPingTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new PingModule())
            .yaml("ping:\n  interval: 1s\n  timeout: 2s").build();

    @Test
    void aClientThatDoesNotAnswerIsDisconnected() throws Exception {
        try (RawClient mute = server.raw()) {
            mute.login(server.newAccount());
            String ping = mute.readUntil("urn:xmpp:ping");
            assertTrue(ping.contains("<iq"), ping);
            String rest = mute.readUntilClosed();
            assertTrue(rest.contains("<connection-timeout"), rest);
        }
    }

    @Test
    void aClientThatAnswersStaysConnected() throws Exception {
        TestClient alice = server.newUser();
        TestClient bob = server.newUser();
        // Smack answers pings itself; after several intervals the stream is still usable.
        bob.receivesNothing(Message.class, m -> true, java.time.Duration.ofSeconds(4));
        alice.sendChat(bob.address(), "still here?");
        bob.receivesMessage(m -> "still here?".equals(m.getBody()));
        assertTrue(alice.isConnected() && bob.isConnected());
    }
}
