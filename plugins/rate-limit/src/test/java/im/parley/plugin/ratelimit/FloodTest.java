package im.parley.plugin.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user who floods gets errors, then a temporary ban, while another user goes on unaffected. */
class FloodTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().plugins(new RateLimitModule())
            .yaml("""
                    ratelimit:
                      enabled: true
                      user_messages_per_minute: 10
                      user_messages_burst: 5
                      backoff: 1s
                      violations_before_ban: 4
                      ban_duration: 1m
                    """)
            .build();

    @Test
    void aFlooderIsRefusedThenBannedWhileOthersCarryOn() {
        TestClient flooder = server.newUser();
        TestClient juliet = server.newUser();
        TestClient romeo = server.newUser();
        for (int i = 0; i < 30 && flooder.isConnected(); i++) {
            try {
                flooder.sendChat(juliet.address(), "spam " + i);
            } catch (IllegalStateException closed) {
                break;
            }
        }
        Message error = flooder.receives(Message.class, m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, error.getError().getCondition());
        assertTrue(error.getError().getDescriptiveText().contains("over the limit of 10 messages per minute"),
                error.getError().getDescriptiveText());
        assertTrue(error.getError().getDescriptiveText().contains("retry in"), error.getError().getDescriptiveText());
        // The ban closes the flooder's stream with policy-violation.
        Await.until("the banned flooder's stream is closed", () -> !flooder.isConnected());

        // Only the burst reached juliet.
        for (int i = 0; i < 5; i++) {
            String body = "spam " + i;
            juliet.receivesMessage(m -> body.equals(m.getBody()));
        }
        juliet.receivesNothing(Message.class, m -> m.getBody() != null && m.getBody().startsWith("spam"), Duration.ofMillis(300));

        // Another user is not affected.
        for (int i = 0; i < 5; i++) {
            romeo.sendChat(juliet.address(), "hello " + i);
        }
        for (int i = 0; i < 5; i++) {
            String body = "hello " + i;
            juliet.receivesMessage(m -> body.equals(m.getBody()));
        }
        assertEquals(List.of(), romeo.alreadyReceived(Message.class, m -> m.getType() == Message.Type.error));

        // Logged in again, the banned user is still refused, with the standard error.
        TestClient again = server.login(flooder.account());
        again.sendChat(juliet.address(), "let me in");
        Message banned = again.receives(Message.class, m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.policy_violation, banned.getError().getCondition());
        assertTrue(banned.getError().getDescriptiveText().contains("temporarily banned"), banned.getError().getDescriptiveText());
    }
}
