package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client changing presence in a loop is refused with policy-violation; its contacts are spared the flood. */
class PresenceFloodTest {
    @RegisterExtension
    static final ParleyServer server = ImServer.builder().yaml("presence:\n  max_per_minute: 60\n  burst: 5").build();

    @Test
    void aPresenceFloodIsCut() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        AtomicInteger seen = new AtomicInteger();
        romeo.connection().addStanzaListener(s -> seen.incrementAndGet(),
                s -> s instanceof Presence p && p.getType() == Presence.Type.available && p.getFrom().equals(juliet.jid()));
        for (int i = 0; i < 50; i++) {
            juliet.send(StanzaBuilder.buildPresence().setStatus("mood " + i).build());
        }
        Presence refused = juliet.receives(Presence.class, p -> p.getType() == Presence.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, refused.getError().getCondition());
        juliet.sync();
        romeo.sync();
        romeo.receivesNothing(Presence.class, p -> false, Duration.ofMillis(300));
        assertTrue(seen.get() <= 8, "romeo saw " + seen.get() + " of 50 updates");
        assertTrue(juliet.isConnected(), "the stream stays open");
    }
}
