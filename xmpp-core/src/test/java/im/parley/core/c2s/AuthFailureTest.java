package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wrong passwords: answered at once at first, then only after a delay; too many end the stream. */
class AuthFailureTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().yaml("auth:\n  scram_iterations: 4096\n"
            + "  failures_before_delay: 2\n  failure_delay: 60s\n  max_attempts_per_stream: 2").build();

    @Test
    void repeatedFailuresAreDelayedThenTheStreamEnds() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.startTls("localhost");
            assertTrue(raw.authenticatePlain(account.username(), "wrong-1").contains("<not-authorized/>"));
            // The second failure is the last one allowed on this stream; it also closes the stream.
            assertTrue(raw.authenticatePlain(account.username(), "wrong-2").contains("<not-authorized/>"));
            assertTrue(raw.readUntilClosed().contains("<policy-violation"));
        }
        try (RawClient raw = server.raw()) {
            raw.open("localhost");
            raw.startTls("localhost");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + java.util.Base64.getEncoder().encodeToString(("\0" + account.username() + "\0wrong-3").getBytes()) + "</auth>");
            // The third failure from this address waits a minute before it is answered.
            assertThrows(AssertionError.class, () -> raw.readUntil("</failure>", Duration.ofSeconds(2)));
        }
    }
}
