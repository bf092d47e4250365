package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.disco.DiscoModule;
import im.parley.module.inbox.InboxModule;
import im.parley.module.mam.MamModule;
import im.parley.module.offline.OfflineModule;
import im.parley.module.roster.RosterModule;
import im.parley.module.stanzaid.StanzaIdModule;
import im.parley.testing.Account;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.mam.MamManager;
import org.jxmpp.jid.Jid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Message archives (XEP-0313) and inboxes (XEP-0430) in a database: real Smack clients talk,
 * the server restarts, and every query form still finds the same messages. A subclass per
 * backend supplies the server, built with {@link #build}.
 */
abstract class HistorySurvivesRestart {
    private final List<Account> accounts = new ArrayList<>();

    protected abstract ParleyServer server();

    /** The archive, the inbox and what they need, on a test server with its storage in the given database. */
    static ParleyServer build(StorageConfig config) {
        return ParleyServer.with(new DiscoModule(), new RosterModule(), new OfflineModule(), new StanzaIdModule(),
                        new MamModule(), new InboxModule())
                .storage(TestDatabases.factory(config))
                .build();
    }

    /** Deleting the accounts also deletes their archives and inboxes, so a kept database does not grow. */
    @AfterEach
    void deleteAccounts() throws Exception {
        for (Account a : accounts) {
            server().server().accounts().delete(a.jid());
        }
    }

    private Account newAccount() {
        Account a = server().newAccount();
        accounts.add(a);
        return a;
    }

    private static MamManager mam(TestClient client) throws Exception {
        MamManager manager = MamManager.getInstanceFor(client.connection());
        assertTrue(manager.isSupported(), "the account advertises urn:xmpp:mam:2");
        return manager;
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    private static IQ query(TestClient client, String inner) {
        return client.request(new RawIq(IQ.Type.set, null, "query", "urn:xmpp:mam:2", inner));
    }

    @Test
    void everyQueryFormFindsTheConversationAfterARestart() throws Exception {
        Account romeoAccount = newAccount();
        Account julietAccount = newAccount();
        Account nurseAccount = newAccount();
        TestClient romeo = server().login(romeoAccount);
        TestClient juliet = server().login(julietAccount);
        TestClient nurse = server().login(nurseAccount);
        for (int i = 1; i <= 12; i++) {
            romeo.sendChat(julietAccount.jid(), "m" + i);
        }
        juliet.receivesMessage(m -> "m12".equals(m.getBody()));
        Date between = new Date();
        nurse.sendChat(julietAccount.jid(), "from the nurse");
        juliet.receivesMessage(m -> "from the nurse".equals(m.getBody()));

        server().restart();

        juliet = server().login(julietAccount);
        Jid romeoJid = org.jxmpp.jid.impl.JidCreate.bareFrom(romeoAccount.jid().toBareJID());
        Jid nurseJid = org.jxmpp.jid.impl.JidCreate.bareFrom(nurseAccount.jid().toBareJID());
        // with + last page, then paging back
        MamManager.MamQuery last = mam(juliet).queryMostRecentPage(romeoJid, 5);
        assertEquals(List.of("m8", "m9", "m10", "m11", "m12"), bodies(last.getMessages()));
        assertEquals(List.of("m3", "m4", "m5", "m6", "m7"), bodies(last.pagePrevious(5)));
        assertEquals(List.of("m1", "m2"), bodies(last.pagePrevious(5)));
        assertTrue(last.isComplete());
        // forward from the start, after-id
        MamManager.MamQuery first = mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(romeoJid).setResultPageSizeTo(7).build());
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7"), bodies(first.getMessages()));
        String third = first.getMamResultExtensions().get(2).getId();
        assertEquals(List.of("m8", "m9", "m10", "m11", "m12"), bodies(first.pageNext(7)));
        assertTrue(first.isComplete());
        // start and end
        assertEquals(List.of("from the nurse"), bodies(mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsSince(between).build()).getMessages()));
        assertEquals(12, mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsBefore(between).setResultPageSizeTo(50).build()).getMessages().size());
        assertEquals(List.of("from the nurse"), bodies(mam(juliet).queryMostRecentPage(nurseJid, 5).getMessages()));
        // ids (#extended), unknown ids, and before-id through the form
        IQ byIds = query(juliet, "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
                + "<field var='ids'><value>" + third + "</value></field></x>");
        assertEquals(IQ.Type.result, byIds.getType(), byIds.toXML().toString());
        assertTrue(byIds.toXML().toString().contains(third));
        IQ beforeId = query(juliet, "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
                + "<field var='before-id'><value>" + third + "</value></field></x><set xmlns='http://jabber.org/protocol/rsm'><max>5</max></set>");
        assertEquals(IQ.Type.result, beforeId.getType(), beforeId.toXML().toString());
        assertTrue(beforeId.toXML().toString().contains("complete"), "m1 and m2 are all there is before m3: " + beforeId.toXML());
        IQ unknown = query(juliet, "<set xmlns='http://jabber.org/protocol/rsm'><before>no-such-id</before></set>");
        assertEquals(StanzaError.Condition.item_not_found, unknown.getError().getCondition());
        // The sender's side too.
        TestClient romeoAgain = server().login(romeoAccount);
        assertEquals(List.of("m11", "m12"), bodies(mam(romeoAgain).queryMostRecentPage(
                org.jxmpp.jid.impl.JidCreate.bareFrom(julietAccount.jid().toBareJID()), 2).getMessages()));
    }

    @Test
    void theInboxAndPreferencesSurviveARestart() throws Exception {
        Account ownerAccount = newAccount();
        Account friendAccount = newAccount();
        TestClient owner = server().login(ownerAccount);
        TestClient friend = server().login(friendAccount);
        friend.sendChat(ownerAccount.jid(), "one");
        friend.sendChat(ownerAccount.jid(), "two");
        owner.receivesMessage(m -> "two".equals(m.getBody()));
        IQ set = owner.request(new RawIq(IQ.Type.set, null, "prefs", "urn:xmpp:mam:2", "<always/><never/>")
                .attribute("default", "roster"));
        assertEquals(IQ.Type.result, set.getType(), set.toXML().toString());

        server().restart(); // the inbox, written just after the messages, is complete before the server stops

        owner = server().login(ownerAccount);
        IQ inbox = owner.request(new RawIq(IQ.Type.get, null, "inbox", "urn:xmpp:inbox:1", null));
        String fin = inbox.toXML().toString().replace("&apos;", "'");
        assertTrue(fin.contains("total='1' unread='1' all-unread='2'"), fin);
        List<Message> entries = owner.alreadyReceived(Message.class, m -> m.getExtensionElement("entry", "urn:xmpp:inbox:1") != null);
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).toXML().toString().contains("two"), "the last message: " + entries.get(0).toXML());
        assertEquals(org.jivesoftware.smackx.mam.element.MamPrefsIQ.DefaultBehavior.roster,
                mam(owner).retrieveArchivingPreferences().mamPrefs.getDefault());
        // Roster mode: a stranger's message is no longer archived for the owner.
        TestClient stranger = server().login(newAccount());
        stranger.sendChat(ownerAccount.jid(), "unarchived");
        owner.receivesMessage(m -> "unarchived".equals(m.getBody()));
        assertFalse(bodies(mam(owner).queryArchive(MamManager.MamQueryArgs.builder().queryLastPage().build()).getMessages())
                .contains("unarchived"));
    }
}
