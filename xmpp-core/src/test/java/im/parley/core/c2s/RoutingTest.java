package im.parley.core.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.testing.Account;
import im.parley.testing.Jids;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** Delivery rules of RFC 6120 §10 and RFC 6121 §8.5 with several resources of one account. */
class RoutingTest {
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with().build();

    private static TestClient resource(Account account, String resource) {
        return server.login(account, resource);
    }

    private static void sendTyped(TestClient from, JID to, Message.Type type, String body) {
        from.send(StanzaBuilder.buildMessage().to(Jids.smack(to)).ofType(type).setBody(body).build());
    }

    @Test
    void chatToTheBareJidGoesToTheHighestPriorityResource() {
        Account juliet = server.newAccount();
        TestClient phone = resource(juliet, "phone");
        TestClient laptop = resource(juliet, "laptop");
        phone.presence(1);
        laptop.presence(5);
        TestClient romeo = server.newUser();
        romeo.sendChat(juliet.jid(), "to the best one");
        laptop.receivesMessage(m -> "to the best one".equals(m.getBody()));
        phone.receivesNothing(Message.class, m -> "to the best one".equals(m.getBody()), QUIET);
    }

    @Test
    void normalMessagesGoToEveryNonNegativeResourceButNotNegativeOnes() {
        Account juliet = server.newAccount();
        TestClient phone = resource(juliet, "phone");
        TestClient laptop = resource(juliet, "laptop");
        TestClient hidden = resource(juliet, "hidden");
        phone.presence(1);
        laptop.presence(5);
        hidden.presence(-1);
        TestClient romeo = server.newUser();
        sendTyped(romeo, juliet.jid(), Message.Type.normal, "to all");
        phone.receivesMessage(m -> "to all".equals(m.getBody()));
        laptop.receivesMessage(m -> "to all".equals(m.getBody()));
        hidden.receivesNothing(Message.class, m -> "to all".equals(m.getBody()), QUIET);
    }

    @Test
    void chatToAGoneResourceFallsBackToTheBareJid() {
        Account juliet = server.newAccount();
        TestClient laptop = resource(juliet, "laptop");
        TestClient romeo = server.newUser();
        romeo.sendChat(new JID(juliet.username(), juliet.domain(), "old-phone"), "where are you");
        laptop.receivesMessage(m -> "where are you".equals(m.getBody()));
    }

    @Test
    void messageToAFullJidReachesExactlyThatResource() {
        Account juliet = server.newAccount();
        TestClient phone = resource(juliet, "phone");
        TestClient laptop = resource(juliet, "laptop");
        phone.presence(10);
        TestClient romeo = server.newUser();
        romeo.sendChat(laptop.address(), "just the laptop");
        laptop.receivesMessage(m -> "just the laptop".equals(m.getBody()));
        phone.receivesNothing(Message.class, m -> "just the laptop".equals(m.getBody()), QUIET);
    }

    @Test
    void groupchatToAnAccountIsRefusedAndErrorsAreNeverAnswered() {
        Account juliet = server.newAccount();
        TestClient laptop = resource(juliet, "laptop");
        TestClient romeo = server.newUser();
        sendTyped(romeo, juliet.jid(), Message.Type.groupchat, "not a room");
        Message error = romeo.receivesMessage(m -> m.getType() == Message.Type.error);
        assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
        laptop.receivesNothing(Message.class, m -> "not a room".equals(m.getBody()), QUIET);
        // An error message to a bare JID is dropped, and never answered with another error (RFC 6121 §8.5.2.1.1).
        sendTyped(romeo, juliet.jid(), Message.Type.error, "an error");
        laptop.receivesNothing(Message.class, m -> "an error".equals(m.getBody()), QUIET);
        romeo.receivesNothing(Message.class, m -> m.getType() == Message.Type.error, QUIET);
    }

    @Test
    void headlineToAnOfflineAccountIsDroppedSilently() {
        TestClient romeo = server.newUser();
        sendTyped(romeo, server.newAccount().jid(), Message.Type.headline, "news");
        romeo.receivesNothing(Message.class, m -> true, QUIET);
    }

    @Test
    void iqsBetweenClientsAreRoutedBothWays() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        // Smack answers pings addressed to it: the request reaches juliet and her answer reaches romeo.
        IQ pong = romeo.request(new RawIq(IQ.Type.get, juliet.address().toString(), "ping", "urn:xmpp:ping", null));
        assertEquals(IQ.Type.result, pong.getType());
        assertEquals(juliet.jid(), pong.getFrom());
    }

    @Test
    void iqToAnUnavailableResourceOrUnknownUserIsServiceUnavailable() {
        TestClient romeo = server.newUser();
        Account juliet = server.newAccount();
        IQ toResource = romeo.request(new RawIq(IQ.Type.get, juliet.jid() + "/gone", "ping", "urn:xmpp:ping", null));
        assertEquals(StanzaError.Condition.service_unavailable, toResource.getError().getCondition());
        IQ toUnknown = romeo.request(new RawIq(IQ.Type.get, "nobody@localhost", "query", "jabber:iq:version", null));
        assertEquals(StanzaError.Condition.service_unavailable, toUnknown.getError().getCondition());
        IQ unhandled = romeo.request(new RawIq(IQ.Type.get, juliet.jid().toString(), "query", "urn:example:nothing", null));
        assertEquals(StanzaError.Condition.service_unavailable, unhandled.getError().getCondition());
    }

    @Test
    void bindingTheSameResourceAgainReplacesTheOlderStream() throws Exception {
        Account juliet = server.newAccount();
        TestClient first = resource(juliet, "phone");
        TestClient second = resource(juliet, "phone");
        im.parley.testing.Await.until("the older stream is closed with conflict", () -> !first.isConnected());
        TestClient romeo = server.newUser();
        romeo.sendChat(second.address(), "to the new one");
        second.receivesMessage(m -> "to the new one".equals(m.getBody()));
    }
}
