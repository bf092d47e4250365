package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends faster than its session's worker handles is throttled (the server stops
 * reading its socket while too many of its stanzas wait) and then read again: every stanza is
 * answered, none is lost to a read that was never resumed.
 */
class ReadBackpressureTest {
    private static final int STANZAS = 30_000;

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n"
            + "  direct_tls_port: 0\n  max_pending_stanzas: 4\n  max_send_queue: 64MiB\n").build();

    @Test
    void aFloodUnderTheSmallestPendingLimitIsAnsweredInFull() throws Exception {
        double suspendedBefore = server.server().metrics().readsSuspended.get();
        try (RawClient raw = server.raw()) {
            raw.login(server.newAccount());
            // Many small stanzas in few large writes: each read decodes far more than 4 of them, so the
            // server suspends and resumes reading this socket thousands of times.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                StringBuilder batch = new StringBuilder();
                try {
                    for (int i = 1; i <= STANZAS; i++) {
                        batch.append("<iq type='get' id='q").append(i).append("'><query xmlns='urn:example:nothing'/></iq>");
                        if (i % 200 == 0) {
                            raw.send(batch.toString());
                            batch.setLength(0);
                        }
                    }
                    raw.send(batch.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String answers = raw.readUntil("id=\"q" + STANZAS + "\"", Duration.ofSeconds(120));
            sending.join();
            int answered = 0;
            for (int at = answers.indexOf("<iq "); at >= 0; at = answers.indexOf("<iq ", at + 1)) {
                answered++;
            }
            // Every request got its own answer, in order, the last one included.
            assertEquals(STANZAS, answered, "answers before the last one");
            assertTrue(answers.contains("id=\"q1\""), "the first request was answered");
            // The flood did make the server stop reading (what this test is about), and read on each time.
            assertTrue(server.server().metrics().readsSuspended.get() > suspendedBefore, "reading was suspended");
        }
    }
}
