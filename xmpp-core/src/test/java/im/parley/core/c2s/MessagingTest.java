package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import im.parley.testing.ParleyServer;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessagingTest {
    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    @Test
    void twoUsersExchangeMessages() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.sendChat(juliet.account().jid(), "Wherefore art thou?");
        Message got = juliet.receivesMessage(m -> "Wherefore art thou?".equals(m.getBody()));
        assertEquals(romeo.jid(), got.getFrom(), "the server stamps the sender's full JID");
        juliet.sendChat(romeo.address(), "Here");
        romeo.receivesMessage(m -> "Here".equals(m.getBody()));
    }

    @Test
    void chatToAnOfflineAccountBouncesWithServiceUnavailable() {
        TestClient romeo = server.newUser();
        var offline = server.newAccount();
        romeo.sendChat(offline.jid(), "anyone?");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
    }

    @Test
    void chatToUnknownAccountBouncesWithServiceUnavailable() {
        TestClient romeo = server.newUser();
        romeo.sendChat(new org.xmpp.packet.JID("nobody-here", "localhost", null), "hello?");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertNotNull(error.getError());
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
    }

    @Test
    void messageToRemoteDomainBouncesWithRemoteServerNotFound() {
        TestClient romeo = server.newUser();
        romeo.sendChat(new org.xmpp.packet.JID("someone", "elsewhere.example", null), "hi");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.remote_server_not_found, error.getError().getCondition());
    }

    @Test
    void senderDoesNotReceiveItsOwnMessage() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.sendChat(juliet.address(), "to the full JID");
        juliet.receivesMessage(m -> "to the full JID".equals(m.getBody()));
        romeo.receivesNothing(Message.class, m -> true, Duration.ofMillis(300));
    }
}
