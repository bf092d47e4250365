package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages to offline users are kept and delivered in order at their next login (XEP-0160). */
class OfflineMessagesTest {
    @RegisterExtension
    static final ParleyServer server = ImServer.builder().yaml("offline:\n  max_messages: 5").build();

    @Test
    void storedInOrderAndDeliveredWithDelayStamps() {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        for (int i = 1; i <= 3; i++) {
            romeo.sendChat(juliet.jid(), "message " + i);
        }
        romeo.sync();
        TestClient online = server.login(juliet);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Message m = online.receivesMessage(x -> x.getBody() != null && x.getBody().startsWith("message "));
            DelayInformation delay = m.getExtension(DelayInformation.class);
            assertNotNull(delay, "XEP-0203 delay stamp");
            assertEquals(romeo.jid(), m.getFrom());
            bodies.add(m.getBody());
        }
        assertEquals(List.of("message 1", "message 2", "message 3"), bodies);
        // Delivered once: the next login gets nothing.
        online.close();
        TestClient again = server.login(juliet);
        again.receivesNothing(Message.class, m -> m.getBody() != null, Duration.ofMillis(500));
    }

    @Test
    void aFullStorageRefusesWithServiceUnavailable() {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        for (int i = 1; i <= 5; i++) {
            romeo.sendChat(juliet.jid(), "fits " + i);
        }
        romeo.sendChat(juliet.jid(), "one too many");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
        assertEquals("one too many", error.getBody());
    }

    @Test
    void typingNotificationsAndHeadlinesAreNotKept() {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        romeo.send(StanzaBuilder.buildMessage().to(Jids.smack(juliet.jid())).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.composing)).build());
        romeo.send(StanzaBuilder.buildMessage().to(Jids.smack(juliet.jid())).ofType(Message.Type.headline).setBody("news").build());
        romeo.sendChat(juliet.jid(), "the real one");
        romeo.sync();
        romeo.receivesNothing(Message.class, m -> m.getType() == Message.Type.error, Duration.ofMillis(300));
        TestClient online = server.login(juliet);
        Message first = online.receivesMessage(m -> true);
        assertEquals("the real one", first.getBody());
    }

    @Test
    void aNegativePriorityLoginDoesNotTakeThem() {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        romeo.sendChat(juliet.jid(), "for a real device");
        romeo.sync();
        TestClient bot = server.login(juliet, b -> b.setSendPresence(false));
        bot.presence(-1);
        bot.receivesNothing(Message.class, m -> m.getBody() != null, Duration.ofMillis(400));
        TestClient phone = server.login(juliet);
        phone.receivesMessage(m -> "for a real device".equals(m.getBody()));
    }
}
