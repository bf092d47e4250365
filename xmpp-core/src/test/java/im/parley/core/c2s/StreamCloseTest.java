package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6120 §4.4: a client's closing tag is answered with the server's, then the connection closes. */
class StreamCloseTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    @Test
    void closingTagIsAnsweredBeforeAndAfterTls() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.send("</stream:stream>");
            String rest = raw.readUntilClosed();
            assertTrue(rest.contains("</stream:stream>"), rest);
        }
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.startTls("localhost");
            raw.send("</stream:stream>");
            String rest = raw.readUntilClosed();
            assertTrue(rest.contains("</stream:stream>"), rest);
        }
        try (RawClient raw = server.raw()) {
            raw.login(server.newAccount());
            raw.send("</stream:stream>");
            String rest = raw.readUntilClosed();
            assertTrue(rest.contains("</stream:stream>"), rest);
        }
    }
}
