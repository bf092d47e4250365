package im.parley.module.pep;

import static im.parley.module.pep.Pep.assertContains;
import static im.parley.module.pep.Pep.assertError;
import static im.parley.module.pep.Pep.assertResult;
import static im.parley.module.pep.Pep.options;

import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.time.Duration;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bookmarks (XEP-0402; XEP-0048 in PEP through XEP-0223) and the user nickname (XEP-0172), as clients keep them. */
class BookmarksAndNicknameTest {
    private static final String BOOKMARKS = "urn:xmpp:bookmarks:1";
    private static final String NICK = "http://jabber.org/protocol/nick";
    /** XEP-0402 §3.3: what every bookmark publication asks of the node. */
    private static final String BOOKMARK_OPTIONS = options("persist_items=true", "max_items=max",
            "send_last_published_item=never", "access_model=whitelist");

    @RegisterExtension
    static final ParleyServer server = Pep.builder().build();

    // Smack keeps caps in static caches for the whole JVM; later test classes run servers on the same domain.
    @org.junit.jupiter.api.AfterAll
    static void forgetCachedCaps() {
        org.jivesoftware.smackx.caps.EntityCapsManager.clearMemoryCache();
    }

    private static String conference(String name) {
        return "<conference xmlns='" + BOOKMARKS + "' name='" + name + "' autojoin='true'><nick>romeo</nick></conference>";
    }

    @Test
    void bookmarksAreSharedBetweenTheUsersClientsAndHiddenFromContacts() {
        Account account = server.newAccount();
        TestClient phone = server.login(account, "phone");
        TestClient laptop = server.login(account, "laptop");
        TestClient juliet = server.newUser();
        phone.befriend(juliet);
        Pep.wantNotifications(laptop, BOOKMARKS);
        Pep.wantNotifications(juliet, BOOKMARKS);
        assertResult(Pep.publish(phone, BOOKMARKS, "verona@conference.localhost", conference("Verona"), BOOKMARK_OPTIONS));
        assertResult(Pep.publish(phone, BOOKMARKS, "mantua@conference.localhost", conference("Mantua"), BOOKMARK_OPTIONS));
        laptop.receivesMessage(m -> Pep.isItemEvent(m, phone, BOOKMARKS, "mantua@conference.localhost"));
        assertContains(Pep.items(laptop, null, BOOKMARKS, null), "name='Verona'", "name='Mantua'");
        // XEP-0402 §3.5: removing one is a retract with notify, which the other client hears.
        assertResult(phone.request(new RawIq(IQ.Type.set, null, "pubsub", Pep.NS, "<retract node='" + BOOKMARKS
                + "' notify='true'><item id='verona@conference.localhost'/></retract>")));
        laptop.receivesMessage(m -> Pep.isEvent(m, BOOKMARKS, "retract id='verona@conference.localhost'"));
        assertError(Pep.items(juliet, account.jid().toBareJID(), BOOKMARKS, null), StanzaError.Condition.not_allowed, "closed-node");
        juliet.receivesNothing(Message.class, m -> m.toXML().toString().contains(BOOKMARKS), Duration.ofMillis(500));
    }

    @Test
    void legacyBookmarksLiveInAPrivateNode() {
        Account account = server.newAccount();
        TestClient before = server.login(account, "old");
        // XEP-0048 §3.2 through XEP-0223 §4: one item "current" in a whitelist node.
        String storage = "<storage xmlns='storage:bookmarks'><conference jid='verona@conference.localhost' autojoin='true' "
                + "name='Verona'><nick>romeo</nick></conference></storage>";
        assertResult(Pep.publish(before, "storage:bookmarks", "current", storage,
                options("persist_items=true", "access_model=whitelist")));
        before.close();
        TestClient after = server.login(account, "new");
        assertContains(Pep.items(after, null, "storage:bookmarks", null), "<item id='current'>", "jid='verona@conference.localhost'");
        TestClient contact = server.newUser();
        assertError(Pep.items(contact, account.jid().toBareJID(), "storage:bookmarks", null),
                StanzaError.Condition.not_allowed, "closed-node");
    }

    @Test
    void aNicknameReachesContactsThatWantIt() {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.befriend(juliet);
        Pep.wantNotifications(juliet, NICK);
        assertResult(Pep.publish(romeo, NICK, "current", "<nick xmlns='" + NICK + "'>Romeo</nick>", null));
        Message event = juliet.receivesMessage(m -> Pep.isItemEvent(m, romeo, NICK, "current"));
        org.junit.jupiter.api.Assertions.assertTrue(event.toXML().toString().contains(">Romeo</nick>"), event.toXML().toString());
        assertContains(Pep.items(juliet, romeo.account().jid().toBareJID(), NICK, null), ">Romeo</nick>");
    }
}
