package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading is disconnected once its send queue is full, instead of filling the heap. */
class SlowReaderTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n"
            + "  direct_tls_port: 0\n  max_send_queue: 256KiB").build();

    @Test
    void aClientThatDoesNotReadIsClosed() throws Exception {
        Account slow = server.newAccount();
        try (RawClient raw = server.raw()) {
            String jid = raw.login(slow);
            raw.send("<presence/>");
            TestClient sender = server.newUser();
            String body = "x".repeat(100_000);
            // 20 MB towards a client that reads nothing: far beyond socket buffers and the 256 KiB queue,
            // in few large stanzas so the test does not wait on per-stanza work. Headlines, so that those
            // arriving after the disconnect are dropped, not bounced to the sender.
            for (int i = 0; i < 200; i++) {
                sender.send(org.jivesoftware.smack.packet.StanzaBuilder.buildMessage().to(im.parley.testing.Jids.smack(jid))
                        .ofType(org.jivesoftware.smack.packet.Message.Type.headline).setBody(body).build());
            }
            sender.sync();
            String rest = raw.readUntilClosed();
            assertTrue(raw.closed(), "the slow client was disconnected");
            assertTrue(rest.length() < 19_000_000, "not everything was queued for it: " + rest.length());
            // The sender and everyone else carry on.
            TestClient other = server.newUser();
            sender.sendChat(other.address(), "after the flood");
            other.receivesMessage(m -> "after the flood".equals(m.getBody()));
        }
    }
}
