package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawClient;
import im.parley.testing.TestClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream management (XEP-0198): acknowledgements both ways, resumption after a dropped
 * connection with what was missed sent again, and messages going offline when the client does
 * not come back in time.
 */
class StreamManagementTest {

    @RegisterExtension
    static final ParleyServer server = ImServer.builder()
            .yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\n  resumption_timeout: 3s").build();

    private static TestClient smUser() {
        return server.login(server.newAccount(), b -> { });
    }

    @Test
    void theServerAcknowledgesWhatTheClientSends() throws Exception {
        TestClient romeo = smUser();
        TestClient juliet = server.newUser();
        XMPPTCPConnection connection = romeo.connection();
        assertTrue(connection.isSmEnabled(), "stream management is offered and enabled");
        List<String> acked = new CopyOnWriteArrayList<>();
        connection.addStanzaAcknowledgedListener(s -> acked.add(s.getStanzaId()));
        Message message = org.jivesoftware.smack.packet.StanzaBuilder.buildMessage("ack-me")
                .to(juliet.jid()).ofType(Message.Type.chat).setBody("acknowledged?").build();
        romeo.send(message);
        connection.requestSmAcknowledgement();
        Await.until("the server acknowledged the message", () -> acked.contains("ack-me"));
        juliet.receivesMessage(m -> "acknowledged?".equals(m.getBody()));
    }

    @Test
    void aDroppedClientResumesAndGetsWhatItMissed() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = smUser();
        XMPPTCPConnection phone = juliet.connection();
        org.jxmpp.jid.EntityFullJid address = phone.getUser();
        phone.instantShutdown(); // the socket goes without a goodbye, as a phone leaving coverage
        assertTrue(phone.isSmResumptionPossible());
        // Whether the server has noticed yet or not, what follows is kept for her: sent and
        // unacknowledged on the dying connection, or queued while detached.
        for (int i = 0; i < 3; i++) {
            romeo.sendChat(juliet.address(), "missed " + i);
        }
        romeo.sync();
        phone.connect().login();
        assertTrue(phone.streamWasResumed(), "the session was resumed, not a new one");
        assertEquals(address, phone.getUser());
        for (int i = 0; i < 3; i++) {
            int n = i;
            Message m = juliet.receivesMessage(x -> x.getBody() != null && x.getBody().startsWith("missed"));
            assertEquals("missed " + n, m.getBody());
        }
    }

    @Test
    void whatADroppedClientSentMeanwhileAndAfterResumingArrives() throws Exception {
        TestClient juliet = server.newUser();
        TestClient romeo = smUser();
        XMPPTCPConnection phone = romeo.connection();
        romeo.sendChat(juliet.address(), "before");
        juliet.receivesMessage(m -> "before".equals(m.getBody()));
        phone.instantShutdown();
        romeo.sendChat(juliet.address(), "while down"); // kept by the client, sent again after resuming
        phone.connect().login();
        assertTrue(phone.streamWasResumed());
        juliet.receivesMessage(m -> "while down".equals(m.getBody()));
        romeo.sendChat(juliet.address(), "after resuming");
        juliet.receivesMessage(m -> "after resuming".equals(m.getBody()));
    }

    @Test
    void whenTheClientDoesNotComeBackItsMessagesGoOffline() throws Exception {
        TestClient romeo = server.newUser();
        Account account = server.newAccount();
        TestClient juliet = server.login(account, b -> { });
        juliet.connection().instantShutdown();
        romeo.sendChat(juliet.address(), "while you were away");
        romeo.sync();
        Await.until("the session expired", () -> server.server().sessions().of(juliet.address().asBareJID()).isEmpty());
        TestClient back = server.login(account);
        Message m = back.receivesMessage(x -> "while you were away".equals(x.getBody()));
        assertNotNull(DelayInformation.from(m), "stamped with when it was first sent");
    }

    @Test
    void contactsLearnADroppedClientLeftOnceItsWindowHasPassed() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = smUser();
        romeo.befriend(juliet);
        juliet.connection().instantShutdown();
        // Not at once (it may resume), but when the 3 s window is over (RFC 6121 §4.5.2 said for it).
        romeo.receives(Presence.class, p -> !p.isAvailable() && p.getFrom().toString().equals(juliet.address().toString()));
    }

    @Test
    void badRequestsGetTheXepsAnswers() throws Exception {
        Account account = server.newAccount();
        try (RawClient raw = new RawClient("127.0.0.1", server.port())) {
            raw.open(account.domain());
            raw.startTls(account.domain());
            raw.authenticatePlain(account.username(), account.password());
            raw.open(account.domain());
            raw.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertTrue(raw.readUntil("</failed>").contains("unexpected-request"), "enable before bind");
            raw.send("<resume xmlns='urn:xmpp:sm:3' previd='no-such-session' h='0'/>");
            assertTrue(raw.readUntil("</failed>").contains("item-not-found"), "unknown session");
            raw.send("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
            raw.readUntil("</iq>");
            raw.send("<enable xmlns='urn:xmpp:sm:3' resume='true'/>");
            String enabled = raw.readUntil("/>");
            assertTrue(enabled.contains("<enabled") && enabled.contains("resume='true'") && enabled.contains(" id='"), enabled);
            raw.send("<enable xmlns='urn:xmpp:sm:3'/>");
            assertTrue(raw.readUntil("</failed>").contains("unexpected-request"), "enable twice");
            raw.send("<r xmlns='urn:xmpp:sm:3'/>");
            assertTrue(raw.readUntil("/>").contains("h='0'"), "nothing handled yet");
            raw.send("<a xmlns='urn:xmpp:sm:3' h='99'/>");
            String end = raw.readUntilClosed();
            assertTrue(end.contains("undefined-condition") && end.contains("handled-count-too-high"), end);
        }
    }

    /**
     * A busy client's {@code <a/>} counts as soon as it is read, not after the stanzas it sent
     * before it: otherwise a client that sends and receives a lot passes the unacknowledged limit.
     * Seen here in the order of the server's answers: a partial ack makes the server ask again at
     * once, and that {@code <r/>} comes before the answer to an iq sent ahead of the ack behind a
     * hundred messages that go to offline storage first.
     */
    @Test
    void anAckCountsAsItIsReadAheadOfStanzasWaitingBeforeIt() throws Exception {
        Account reader = server.newAccount();
        TestClient sender = server.newUser();
        String away = server.newAccount().jid().toBareJID(); // offline: each message is written to storage
        try (RawClient raw = server.raw()) {
            String jid = raw.login(reader);
            raw.send("<enable xmlns='urn:xmpp:sm:3'/>");
            raw.readUntil("/>");
            raw.send("<presence/>");
            for (int i = 1; i <= 3; i++) {
                sender.sendChat(new org.xmpp.packet.JID(jid), "to ack " + i);
            }
            raw.readUntil("to ack 3");
            raw.readUntil("</message>");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                batch.append("<message to='").append(away).append("' type='chat'><body>queued ").append(i).append("</body></message>");
            }
            batch.append("<iq type='get' id='behind'><ping xmlns='urn:xmpp:ping'/></iq>");
            batch.append("<a xmlns='urn:xmpp:sm:3' h='1'/>"); // of the presence and three messages sent to it, one
            raw.send(batch.toString());
            String answers = raw.readUntil("id=\"behind\"");
            assertTrue(answers.contains("<r xmlns='urn:xmpp:sm:3'/>"), "the partial ack was answered with a new request before the iq's answer: " + answers);
        }
    }
}
