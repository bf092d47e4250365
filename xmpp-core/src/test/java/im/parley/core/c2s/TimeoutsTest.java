package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streams that never authenticate, or go silent, are closed with connection-timeout. */
class TimeoutsTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n"
            + "  direct_tls_port: 0\n  auth_timeout: 1s\n  idle_timeout: 2s").build();

    @Test
    void unauthenticatedStreamTimesOut() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            assertTrue(raw.readUntilClosed().contains("<connection-timeout"));
        }
    }

    @Test
    void silentStreamTimesOutButWhitespaceKeepsItAlive() throws Exception {
        try (RawClient raw = server.raw()) {
            raw.login(server.newAccount());
            for (int i = 0; i < 6; i++) {
                raw.send(" ");
                assertThrowsTimeout(raw);
            }
            assertTrue(raw.readUntilClosed().contains("<connection-timeout"));
        }
    }

    /** Waits 500 ms and checks the stream was not closed meanwhile. */
    private static void assertThrowsTimeout(RawClient raw) throws Exception {
        try {
            raw.readUntil("connection-timeout", java.time.Duration.ofMillis(500));
            throw new IllegalStateException("closed although the client sent keepalives");
        } catch (AssertionError expected) {
            assertTrue(!raw.closed(), "the stream is still open");
        }
    }
}
