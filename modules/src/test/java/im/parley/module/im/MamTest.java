package im.parley.module.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.mam.MamModule;
import im.parley.module.stanzaid.StanzaIdModule;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.util.Date;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

/**
 * Message archives (XEP-0313) as a Smack client uses them: both sides of a conversation archived,
 * the last page and paging back and forth, filters by conversation, time and id, preferences,
 * metadata, and the XEP's errors for bad queries.
 */
class MamTest {

    @RegisterExtension
    static final ParleyServer server = ImServer.builder(new StanzaIdModule(), new MamModule())
            .yaml("c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\nmam:\n  max_page_size: 100").build();

    /** The client's archive manager, once it has discovered (as clients do) that its account has an archive. */
    private static MamManager mam(TestClient client) throws Exception {
        MamManager manager = MamManager.getInstanceFor(client.connection());
        assertTrue(manager.isSupported(), "the account advertises urn:xmpp:mam:2");
        return manager;
    }

    private static final String FORM_TYPE = "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>";

    private static Jid bare(TestClient client) {
        return client.jid().asBareJid();
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    /** Sends numbered messages and waits until the recipient has them all (and so the archives do). */
    private static void converse(TestClient from, TestClient to, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            from.sendChat(to.address(), prefix + i);
        }
        String last = prefix + count;
        to.receivesMessage(m -> last.equals(m.getBody()));
    }

    @Test
    void bothSidesOfAConversationAreArchivedAndTheLastPageComesFirst() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        converse(romeo, juliet, "r", 3);
        juliet.sendChat(romeo.address(), "reply");
        romeo.receivesMessage(m -> "reply".equals(m.getBody()));

        MamManager.MamQuery romeos = mam(romeo).queryMostRecentPage(bare(juliet), 10);
        assertEquals(List.of("r1", "r2", "r3", "reply"), bodies(romeos.getMessages()));
        assertTrue(romeos.isComplete());
        MamManager.MamQuery juliets = mam(juliet).queryMostRecentPage(bare(romeo), 2);
        assertEquals(List.of("r3", "reply"), bodies(juliets.getMessages()), "the last two, oldest first");
        assertFalse(juliets.isComplete(), "older messages remain");
    }

    @Test
    void pagingBackAndForthWalksTheWholeConversationOnce() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        converse(romeo, juliet, "m", 25);

        MamManager.MamQuery query = mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(bare(romeo)).setResultPageSizeTo(10).queryLastPage().build());
        assertEquals(List.of("m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24", "m25"), bodies(query.getMessages()));
        assertEquals(List.of("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15"), bodies(query.pagePrevious(10)));
        assertFalse(query.isComplete());
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), bodies(query.pagePrevious(10)));
        assertTrue(query.isComplete(), "the start of the conversation");

        MamManager.MamQuery forward = mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(bare(romeo)).setResultPageSizeTo(12).build());
        assertEquals("m1", forward.getMessages().get(0).getBody());
        assertEquals(12, forward.getMessages().size());
        assertEquals(List.of("m13", "m14", "m15", "m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24"),
                bodies(forward.pageNext(12)));
        assertEquals(List.of("m25"), bodies(forward.pageNext(12)));
        assertTrue(forward.isComplete(), "the end of the conversation");
    }

    @Test
    void theArchiveIdIsTheStanzaIdTheRecipientGot() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.sendChat(juliet.address(), "with an id");
        Message received = juliet.receivesMessage(m -> "with an id".equals(m.getBody()));
        StanzaIdElement stanzaId = received.getExtension(StanzaIdElement.class);
        MamManager.MamQuery query = mam(juliet).queryMostRecentPage(bare(romeo), 1);
        assertEquals(stanzaId.getId(), query.getMamResultExtensions().get(0).getId(),
                "a client matches live messages with archived ones by this id");
        // and a query after that id finds nothing newer
        MamManager.MamQuery after = mam(juliet).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(bare(romeo)).afterUid(stanzaId.getId()).build());
        assertTrue(after.getMessages().isEmpty());
        assertTrue(after.isComplete());
    }

    @Test
    void conversationsAndTimesFilterTheArchive() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        TestClient nurse = server.newUser();
        converse(romeo, juliet, "to juliet ", 2);
        Date between = new Date();
        converse(romeo, nurse, "to nurse ", 2);
        converse(romeo, juliet, "again ", 1);

        assertEquals(List.of("to nurse 1", "to nurse 2"), bodies(mam(romeo).queryMostRecentPage(bare(nurse), 10).getMessages()));
        MamManager.MamQuery since = mam(romeo).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsSince(between).build());
        assertEquals(List.of("to nurse 1", "to nurse 2", "again 1"), bodies(since.getMessages()));
        MamManager.MamQuery until = mam(romeo).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsBefore(between).build());
        assertEquals(List.of("to juliet 1", "to juliet 2"), bodies(until.getMessages()));
    }

    @Test
    void whatIsNotShownIsNotArchivedAndNeverMeansNever() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        romeo.send(StanzaBuilder.buildMessage().to(juliet.jid().asBareJid()).ofType(Message.Type.chat)
                .addExtension(new org.jivesoftware.smackx.chatstates.packet.ChatStateExtension(
                        org.jivesoftware.smackx.chatstates.ChatState.composing)).build());
        romeo.send(StanzaBuilder.buildMessage().to(juliet.jid().asBareJid()).ofType(Message.Type.chat).setBody("secret")
                .addExtension(org.jivesoftware.smackx.hints.element.NoStoreHint.INSTANCE).build());
        romeo.send(StanzaBuilder.buildMessage().to(juliet.jid().asBareJid()).ofType(Message.Type.headline).setBody("news").build());
        converse(romeo, juliet, "kept", 1);
        assertEquals(List.of("kept1"), bodies(mam(juliet).queryMostRecentPage(bare(romeo), 10).getMessages()));

        // Juliet never archives the nurse; Romeo's default keeps archiving.
        TestClient nurse = server.newUser();
        // Set as a client sends it (Smack 4.5's MamPrefs cannot be built from a result: it takes the
        // stanza's namespace for the element's).
        IQ set = juliet.request(new RawIq(IQ.Type.set, null, "prefs", "urn:xmpp:mam:2",
                "<always/><never><jid>" + bare(nurse) + "</jid></never>"));
        assertError(StanzaError.Condition.bad_request, set); // 'default' is required
        set = juliet.request(new RawIq(IQ.Type.set, null, "prefs", "urn:xmpp:mam:2",
                "<always/><never><jid>" + bare(nurse) + "</jid></never>").attribute("default", "always"));
        assertEquals(IQ.Type.result, set.getType(), set.toXML().toString());
        MamManager.MamPrefsResult stored = mam(juliet).retrieveArchivingPreferences();
        assertEquals(MamPrefsIQ.DefaultBehavior.always, stored.mamPrefs.getDefault());
        assertEquals(List.of(bare(nurse)), stored.mamPrefs.getNeverJids(), "the never list is kept");
        converse(nurse, juliet, "unrecorded", 1);
        assertTrue(mam(juliet).queryMostRecentPage(bare(nurse), 10).getMessages().isEmpty(), "never archived");
        assertEquals(List.of("unrecorded1"), bodies(mam(nurse).queryMostRecentPage(bare(juliet), 10).getMessages()),
                "the sender's archive follows the sender's preferences");
    }

    @Test
    void aMessageToAnOfflineUserIsInTheirArchiveWhenTheyComeBack() throws Exception {
        TestClient romeo = server.newUser();
        im.parley.testing.Account julietAccount = server.newAccount();
        romeo.sendChat(julietAccount.jid(), "while you were out");
        romeo.sync();
        TestClient juliet = server.login(julietAccount);
        juliet.receivesMessage(m -> "while you were out".equals(m.getBody())); // offline delivery
        assertEquals(List.of("while you were out"), bodies(mam(juliet).queryMostRecentPage(bare(romeo), 10).getMessages()));
    }

    @Test
    void metadataNamesTheFirstAndLastMessage() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        String empty = romeo.request(new RawIq(IQ.Type.get, null, "metadata", "urn:xmpp:mam:2", null)).toXML().toString();
        assertFalse(empty.contains("<start"), "an empty archive has no start: " + empty);
        converse(romeo, juliet, "meta", 3);
        List<String> ids = mam(juliet).queryMostRecentPage(bare(romeo), 10).getMamResultExtensions().stream()
                .map(r -> r.getId()).toList();
        String metadata = juliet.request(new RawIq(IQ.Type.get, null, "metadata", "urn:xmpp:mam:2", null)).toXML().toString();
        // Smack keeps the unknown payload as escaped text; the order of start and end is what matters.
        int start = metadata.indexOf("start id=");
        int end = metadata.indexOf("end id=");
        assertTrue(start >= 0 && start < metadata.indexOf(ids.get(0)) && metadata.indexOf(ids.get(0)) < end,
                "starts at the first message: " + metadata);
        assertTrue(metadata.contains(ids.get(2)) && metadata.contains("timestamp="), "ends at the last: " + metadata);
    }

    @Test
    void badQueriesGetTheXepsErrorsAndTheSessionCarriesOn() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        converse(romeo, juliet, "x", 1);
        assertError(StanzaError.Condition.bad_request, query(romeo, null,
                "<x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE + "<field var='colour'><value>red</value></field></x>"));
        assertError(StanzaError.Condition.bad_request, query(romeo, null,
                "<x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE + "<field var='start'><value>yesterday</value></field></x>"));
        assertError(StanzaError.Condition.policy_violation, query(romeo, null,
                "<set xmlns='http://jabber.org/protocol/rsm'><max>101</max></set>"));
        assertError(StanzaError.Condition.item_not_found, query(romeo, null,
                "<set xmlns='http://jabber.org/protocol/rsm'><after>no-such-id</after></set>"));
        assertError(StanzaError.Condition.forbidden, query(romeo, juliet.jid().asBareJid().toString(), ""));
        // and the session and the archive carry on
        assertEquals(List.of("x1"), bodies(mam(romeo).queryMostRecentPage(bare(juliet), 10).getMessages()));
    }

    @Test
    void specificIdsAndFlippedPagesAreServed() throws Exception {
        TestClient romeo = server.newUser();
        TestClient juliet = server.newUser();
        converse(romeo, juliet, "id", 4);
        MamManager.MamQuery all = mam(romeo).queryMostRecentPage(bare(juliet), 10);
        String second = all.getMamResultExtensions().get(1).getId();
        String fourth = all.getMamResultExtensions().get(3).getId();
        IQ answer = query(romeo, null, "<x xmlns='jabber:x:data' type='submit'>" + FORM_TYPE + "<field var='ids'><value>" + fourth + "</value><value>" + second
                + "</value><value>unknown</value></field></x>");
        assertEquals(IQ.Type.result, answer.getType(), answer.toXML().toString());
        String flipped = query(romeo, null, "<set xmlns='http://jabber.org/protocol/rsm'><max>2</max><before/></set><flip-page/>")
                .toXML().toString();
        assertTrue(flipped.contains("<first>" + fourth + "</first>"), "a flipped last page starts with the newest: " + flipped);
    }

    private static IQ query(TestClient client, String to, String inner) {
        return client.request(new RawIq(IQ.Type.set, to, "query", "urn:xmpp:mam:2", inner));
    }

    private static void assertError(StanzaError.Condition condition, IQ answer) {
        assertEquals(IQ.Type.error, answer.getType(), answer.toXML().toString());
        assertEquals(condition, answer.getError().getCondition(), answer.toXML().toString());
    }
}
