package im.parley.plugin.abusescan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.account.AccountException;
import im.parley.module.blocking.BlockingModule;
import im.parley.module.disco.DiscoModule;
import im.parley.module.pubsub.PubSubModule;
import im.parley.testing.Account;
import im.parley.testing.Await;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xmpp.packet.JID;

/** Spam waves, rules, the pubsub block list and spam reports, with Smack clients against a server running the plugin. */
class AbuseScanTest {
    private static final Account ADMIN = new Account("abuse-admin", "localhost", "admin-secret-1");

    @RegisterExtension
    static final ParleyServer server = ParleyServer.with(new DiscoModule(), new BlockingModule(), new PubSubModule())
            .plugins(new AbuseScanModule())
            .admins(ADMIN.username() + "@" + ADMIN.domain())
            .yaml("""
                    abusescan:
                      enabled: true
                      wave_recipients: 20
                      patterns: ['cheap\\s+v[i1]agra']
                      blocked_links: [scam.example]
                      rtbl_service: pubsub.localhost
                      rtbl_node: rtbl-test
                      rtbl_retry: 100ms
                      reports_before_ban: 2
                    """)
            .build();

    private static TestClient admin;

    @BeforeAll
    static void admin() throws AccountException {
        server.server().accounts().create(ADMIN.jid(), ADMIN.password());
        admin = server.login(ADMIN);
    }

    private static boolean policyViolation(Message m) {
        return m.getType() == Message.Type.error && m.getError().getCondition() == StanzaError.Condition.policy_violation;
    }

    @Test
    void theSameSpamToFiftyRecipientsIsCaught() {
        TestClient spammer = server.newUser();
        TestClient first = server.newUser();
        List<JID> recipients = new ArrayList<>(List.of(first.address().asBareJID()));
        for (int i = 1; i < 50; i++) {
            recipients.add(server.newAccount().jid());
        }
        for (int i = 0; i < recipients.size(); i++) {
            spammer.sendChat(recipients.get(i), "WIN a FREE phone!!! Visit our shop, offer " + i + " ends soon");
        }
        first.receivesMessage(m -> m.getBody() != null && m.getBody().startsWith("WIN a FREE phone"));
        // The 20th recipient makes it a wave: it and the 30 after it are refused.
        for (int i = 0; i < 31; i++) {
            spammer.receives(Message.class, AbuseScanTest::policyViolation);
        }
        Message notice = admin.receivesMessage(m -> m.getBody() != null && m.getBody().contains(spammer.address().toBareJID()));
        assertTrue(notice.getBody().contains("spam wave"), notice.getBody());

        // The spammer is banned for a while; others are not.
        spammer.sendChat(first.address(), "hello, just a normal message");
        Message banned = spammer.receives(Message.class, AbuseScanTest::policyViolation);
        assertTrue(banned.getError().getDescriptiveText().contains("banned"), banned.getError().getDescriptiveText());
        TestClient friend = server.newUser();
        friend.sendChat(first.address(), "see you tonight?");
        first.receivesMessage(m -> "see you tonight?".equals(m.getBody()));
    }

    @Test
    void patternAndLinkRulesRefuseMessages() {
        TestClient sender = server.newUser();
        TestClient to = server.newUser();
        sender.sendChat(to.address(), "get CHEAP  viagra here");
        Message refused = sender.receives(Message.class, AbuseScanTest::policyViolation);
        assertEquals("get CHEAP  viagra here", refused.getBody());
        sender.sendChat(to.address(), "look at https://www.scam.example/win");
        sender.receives(Message.class, AbuseScanTest::policyViolation);
        sender.sendChat(to.address(), "the docs are at https://example.org/scam");
        to.receivesMessage(m -> "the docs are at https://example.org/scam".equals(m.getBody()));
    }

    @Test
    void aSpamReportReachesTheAdmin() {
        TestClient reporter = server.newUser();
        JID spammer = server.newAccount().jid();
        IQ answer = reporter.request(new RawIq(IQ.Type.set, null, "block", SpamReports.BLOCKING,
                "<item jid='" + spammer + "'><report xmlns='urn:xmpp:reporting:1' reason='urn:xmpp:reporting:spam'>"
                        + "<text xml:lang='en'>sells fake watches</text></report></item>"));
        assertEquals(IQ.Type.result, answer.getType(), "the blocking module still blocks");
        Message report = admin.receivesMessage(m -> m.getBody() != null && m.getBody().contains("Spam report")
                && m.getBody().contains(spammer.toBareJID()));
        assertTrue(report.getBody().contains("urn:xmpp:reporting:spam"), report.getBody());
        assertTrue(report.getBody().contains("sells fake watches"), report.getBody());
        assertTrue(report.getBody().contains(reporter.address().toBareJID()), report.getBody());
    }

    @Test
    void sendersOnThePubSubBlockListAreRefused() throws Exception {
        TestClient listed = server.newUser();
        TestClient to = server.newUser();
        TestClient maintainer = server.newUser();
        IQ created = maintainer.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", RtblFeed.PUBSUB,
                "<create node='rtbl-test'/>"));
        assertEquals(IQ.Type.result, created.getType(), String.valueOf(created.toXML()));
        IQ published = maintainer.request(new RawIq(IQ.Type.set, "pubsub.localhost", "pubsub", RtblFeed.PUBSUB,
                "<publish node='rtbl-test'><item id='" + BlockList.sha256(listed.address().toBareJID()) + "'>"
                        + "<report xmlns='urn:xmpp:reporting:1' reason='urn:xmpp:reporting:spam'/></item></publish>"));
        assertEquals(IQ.Type.result, published.getType(), String.valueOf(published.toXML()));

        Await.until("the listed sender's messages are refused", () -> {
            listed.sendChat(to.address(), "hello there");
            return listed.alreadyReceived(Message.class, AbuseScanTest::policyViolation).stream()
                    .anyMatch(m -> m.getError().getDescriptiveText().contains("block list"));
        });
        TestClient other = server.newUser();
        other.sendChat(to.address(), "not listed");
        to.receivesMessage(m -> "not listed".equals(m.getBody()));
    }
}
