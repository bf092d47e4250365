package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.csi.ClientStateIndicationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client state indication (XEP-0352): an inactive client gets presence updates and chat states
 * only when something that matters arrives, and then only the latest of each.
 */
class ClientStateTest {
    @RegisterExtension
    static final ParleyServer server = ImServer.builder().build();

    private static void status(TestClient who, String status) {
        who.send(StanzaBuilder.buildPresence().setStatus(status).build());
        who.sync();
    }

    @Test
    void anInactiveClientGetsTheLatestPresenceWhenAMessageArrives() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        assertEquals(true, ClientStateIndicationManager.isSupported(juliet.connection()));
        ClientStateIndicationManager.inactive(juliet.connection());
        juliet.sync();

        status(romeo, "first");
        status(romeo, "second");
        romeo.send(StanzaBuilder.buildMessage().to(juliet.jid()).ofType(Message.Type.chat)
                .addExtension(new ChatStateExtension(ChatState.composing)).build());
        romeo.sync();
        // (Presence from before she went inactive, which carries no status, may still be in her inbox.)
        juliet.receivesNothing(Stanza.class, s -> s instanceof Presence p && p.getStatus() != null || s instanceof Message,
                Duration.ofMillis(300));

        romeo.sendChat(juliet.address(), "wake up");
        Presence latest = juliet.receives(Presence.class, p -> p.getStatus() != null);
        assertEquals("second", latest.getStatus(), "only the latest presence, the older one dropped");
        juliet.receivesMessage(m -> m.hasExtension(ChatStateExtension.NAMESPACE));
        juliet.receivesMessage(m -> "wake up".equals(m.getBody()));
    }

    @Test
    void becomingActiveSendsWhatWaited() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        ClientStateIndicationManager.inactive(juliet.connection());
        juliet.sync();
        status(romeo, "away for lunch");
        juliet.receivesNothing(Presence.class, p -> p.getStatus() != null, Duration.ofMillis(300));
        ClientStateIndicationManager.active(juliet.connection());
        Presence p = juliet.receives(Presence.class, x -> x.getStatus() != null);
        assertEquals("away for lunch", p.getStatus());
    }
}
