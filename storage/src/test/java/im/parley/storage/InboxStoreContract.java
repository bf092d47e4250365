package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.archive.InboxStore;
import im.parley.module.archive.InboxStore.Conversation;
import im.parley.module.archive.InboxStore.Page;
import im.parley.module.archive.InboxStore.Totals;
import im.parley.module.archive.InboxStore.Update;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link InboxStore} must do, run against each backend by a subclass that supplies the
 * store. Each test uses owners of its own, so tests can share a database kept between runs.
 */
abstract class InboxStoreContract {
    /** Microseconds: what both databases keep. */
    private static final Instant T = Instant.parse("2024-05-06T07:08:09.123456Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String owner = "owner-" + run + "@example.test";
    private final String other = "other-" + run + "@example.test";
    private final List<String> owners = new ArrayList<>(List.of(owner, other));

    /** The store under test; may be shared by all tests of the class. */
    protected abstract InboxStore store();

    @AfterEach
    void deleteTestInboxes() {
        owners.forEach(store()::deleteInbox);
    }

    /** An owner of this test only, deleted after it. */
    private String newOwner(String name) {
        String jid = name + "-" + run + "@example.test";
        owners.add(jid);
        return jid;
    }

    private static String partner(int n) {
        return String.format("contact-%03d@example.test", n);
    }

    @Test
    void anOwnerWithNothingHasAnEmptyCompleteInbox() {
        assertEquals(Optional.of(new Page(List.of(), true)), store().list(owner, null, 10, false));
        assertEquals(Optional.of(new Page(List.of(), true)), store().list(owner, null, 10, true));
        assertEquals(new Totals(0, 0, 0), store().totals(owner));
        assertEquals(Optional.empty(), store().list(owner, partner(1), 10, false));
    }

    @Test
    void conversationsAreNewestFirstWithTheirLastMessage() {
        record(in(owner, partner(1), "a", T.plusSeconds(1)));
        record(in(owner, partner(2), "b", T.plusSeconds(3)));
        record(out(owner, partner(3), "c", T.plusSeconds(2)));
        record(in(owner, partner(1), "d", T.plusSeconds(4)));

        assertEquals(List.of(
                        new Conversation(owner, partner(1), "d", T.plusSeconds(4), stanza("d"), 2),
                        new Conversation(owner, partner(2), "b", T.plusSeconds(3), stanza("b"), 1),
                        new Conversation(owner, partner(3), "c", T.plusSeconds(2), stanza("c"), 0)),
                all(owner));
        assertEquals(List.of(), all(other), "inboxes are per owner");
    }

    @Test
    void conversationsOfTheSameStampAreInPartnerOrderByCodePoint() {
        // U+1D51E is beyond U+FFFF: UTF-16 would put it before U+FF5A, code points after it.
        List<String> partners = List.of("b@example.test", "a@example.test", "\uD835\uDD1E@example.test",
                "\uFF5A@example.test", "\u00e9@example.test");
        partners.forEach(p -> record(in(owner, p, p, T)));
        record(in(owner, "z@example.test", "z", T.plusSeconds(1)));

        assertEquals(List.of("z@example.test", "a@example.test", "b@example.test", "\u00e9@example.test",
                "\uFF5A@example.test", "\uD835\uDD1E@example.test"), partners(all(owner)));
    }

    @Test
    void incomingMessagesCountUntilTheOwnerWritesOrReads() {
        record(in(owner, partner(1), "1", T.plusSeconds(1)));
        record(in(owner, partner(1), "2", T.plusSeconds(2)));
        record(in(owner, partner(1), "3", T.plusSeconds(3)));
        assertEquals(3, conversation(owner, partner(1)).unread());

        record(out(owner, partner(1), "4", T.plusSeconds(4)));
        assertEquals(new Conversation(owner, partner(1), "4", T.plusSeconds(4), stanza("4"), 0), conversation(owner, partner(1)));

        record(in(owner, partner(1), "5", T.plusSeconds(5)));
        record(in(owner, partner(1), "6", T.plusSeconds(6)));
        store().markRead(owner, partner(1));
        assertEquals(new Conversation(owner, partner(1), "6", T.plusSeconds(6), stanza("6"), 0), conversation(owner, partner(1)),
                "marking read keeps the last message");

        store().markRead(owner, partner(2));
        assertEquals(1, all(owner).size(), "marking an unknown conversation read creates none");
    }

    @Test
    void oneRecordAppliesItsUpdatesInOrder() {
        // A message to oneself: the sent copy and the received copy are the same conversation.
        store().record(List.of(out(owner, owner, "1", T), in(owner, owner, "1", T),
                in(owner, partner(1), "2", T.plusSeconds(1)), out(other, partner(1), "2", T.plusSeconds(1))));

        assertEquals(new Conversation(owner, owner, "1", T, stanza("1"), 1), conversation(owner, owner));
        assertEquals(1, conversation(owner, partner(1)).unread());
        assertEquals(0, conversation(other, partner(1)).unread());
    }

    @Test
    void pagesFollowEachOtherThroughTiesAndOnlyTheLastIsComplete() {
        // Three conversations per stamp, so that page boundaries fall inside ties.
        for (int i = 0; i < 25; i++) {
            record(in(owner, partner(i), "m" + i, T.plusSeconds(i / 3)));
        }
        List<Conversation> expected = all(owner);
        assertEquals(25, expected.size());

        Page first = store().list(owner, null, 10, false).orElseThrow();
        Page second = store().list(owner, last(first), 10, false).orElseThrow();
        Page third = store().list(owner, last(second), 10, false).orElseThrow();

        assertEquals(List.of(10, 10, 5), List.of(first.conversations().size(), second.conversations().size(),
                third.conversations().size()));
        assertEquals(List.of(false, false, true), List.of(first.complete(), second.complete(), third.complete()));
        List<Conversation> paged = new ArrayList<>(first.conversations());
        paged.addAll(second.conversations());
        paged.addAll(third.conversations());
        assertEquals(expected, paged);
        assertEquals(partner(24), paged.get(0).with(), "newest first");
        assertEquals(List.of(partner(21), partner(22), partner(23)), partners(paged.subList(1, 4)), "ties by partner");
        assertEquals(Optional.of(new Page(List.of(), true)), store().list(owner, last(third), 10, false));
    }

    @Test
    void aPageThatTakesTheRestIsComplete() {
        for (int i = 0; i < 4; i++) {
            record(in(owner, partner(i), "m" + i, T.plusSeconds(i)));
        }

        assertTrue(store().list(owner, null, 4, false).orElseThrow().complete());
        assertFalse(store().list(owner, null, 3, false).orElseThrow().complete());
        assertEquals(new Page(List.of(), false), store().list(owner, null, 0, false).orElseThrow());
        assertEquals(4, store().list(owner, null, Integer.MAX_VALUE, false).orElseThrow().conversations().size());
    }

    @Test
    void anAfterThatNamesNoConversationOfTheOwnerGivesNothing() {
        record(in(owner, partner(1), "1", T));
        record(in(other, partner(2), "2", T));

        assertEquals(Optional.empty(), store().list(owner, partner(2), 10, false), "another owner's partner");
        assertEquals(Optional.empty(), store().list(owner, "nobody@example.test", 10, true));
        assertEquals(Optional.empty(), store().list(other, partner(1), 10, false));
    }

    @Test
    void unreadOnlyPagesSkipReadConversations() {
        for (int i = 0; i < 12; i++) {
            record(in(owner, partner(i), "m" + i, T.plusSeconds(i)));
            if (i % 2 == 0) {
                store().markRead(owner, partner(i));
            }
        }

        Page first = store().list(owner, null, 4, true).orElseThrow();
        assertEquals(List.of(partner(11), partner(9), partner(7), partner(5)), partners(first.conversations()));
        assertFalse(first.complete());
        Page second = store().list(owner, last(first), 4, true).orElseThrow();
        assertEquals(List.of(partner(3), partner(1)), partners(second.conversations()));
        assertTrue(second.complete());
        // A read conversation from the full list still marks a place.
        assertEquals(List.of(partner(5), partner(3)), partners(store().list(owner, partner(6), 2, true).orElseThrow().conversations()));
        assertTrue(store().list(owner, partner(3), 1, true).orElseThrow().complete());
    }

    @Test
    void totalsCountConversationsUnreadConversationsAndUnreadMessages() {
        record(out(owner, partner(1), "1", T));
        record(in(owner, partner(2), "2", T));
        record(in(owner, partner(2), "3", T.plusSeconds(1)));
        for (int i = 0; i < 5; i++) {
            record(in(owner, partner(3), "x" + i, T.plusSeconds(i)));
        }
        record(in(other, partner(1), "4", T));

        assertEquals(new Totals(3, 2, 7), store().totals(owner));
        store().markRead(owner, partner(3));
        assertEquals(new Totals(3, 1, 2), store().totals(owner));
        assertEquals(new Totals(1, 1, 1), store().totals(other));
    }

    @Test
    void anOlderMessageDoesNotReplaceTheLastButStillCounts() {
        record(in(owner, partner(1), "new", T.plusSeconds(10)));
        record(in(owner, partner(1), "late", T.plusSeconds(5)));
        assertEquals(new Conversation(owner, partner(1), "new", T.plusSeconds(10), stanza("new"), 2), conversation(owner, partner(1)));

        // The owner's late message read only what came before it, not the newer incoming ones.
        record(out(owner, partner(1), "late reply", T.plusSeconds(6)));
        assertEquals(new Conversation(owner, partner(1), "new", T.plusSeconds(10), stanza("new"), 2), conversation(owner, partner(1)));

        // Of the same stamp, the later update wins.
        record(out(owner, partner(1), "same", T.plusSeconds(10)));
        assertEquals(new Conversation(owner, partner(1), "same", T.plusSeconds(10), stanza("same"), 0), conversation(owner, partner(1)));

        record(in(owner, partner(2), "other", T.plusSeconds(7)));
        assertEquals(List.of(partner(1), partner(2)), partners(all(owner)), "ordered by the kept last message");
    }

    @Test
    void concurrentMessagesBetweenTwoUsersLoseNoIncrement() throws Exception {
        String romeo = newOwner("romeo");
        String juliet = newOwner("juliet");
        int threads = 8;
        int each = 15;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < each; i++) {
                    String id = thread + ":" + i;
                    Instant stamp = T.plusNanos((thread * each + i) * 1000L);
                    // Romeo on several devices and nodes; the two conversations in either order.
                    Update sent = out(romeo, juliet, id, stamp);
                    Update received = in(juliet, romeo, id, stamp);
                    store().record(thread % 2 == 0 ? List.of(sent, received) : List.of(received, sent));
                }
                return null;
            });
        }

        Race.run(tasks);

        String newest = (threads - 1) + ":" + (each - 1);
        Instant newestStamp = T.plusNanos((threads * each - 1) * 1000L);
        assertEquals(new Conversation(juliet, romeo, newest, newestStamp, stanza(newest), threads * each),
                conversation(juliet, romeo), "every message counted; the newest is the last whatever the commit order");
        assertEquals(new Conversation(romeo, juliet, newest, newestStamp, stanza(newest), 0), conversation(romeo, juliet));
    }

    @Test
    void concurrentFirstMessagesFromManyContactsAllArrive() throws Exception {
        String star = newOwner("star");
        int threads = 8;
        int each = 10;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String fan = newOwner("fan" + t);
            tasks.add(() -> {
                for (int i = 0; i < each; i++) {
                    // A new conversation on both sides at first: concurrent creations in one inbox.
                    store().record(List.of(out(fan, star, fan + i, T.plusSeconds(i)), in(star, fan, fan + i, T.plusSeconds(i))));
                }
                return null;
            });
        }

        Race.run(tasks);

        assertEquals(new Totals(threads, threads, threads * each), store().totals(star));
        for (Conversation c : all(star)) {
            assertEquals(c.with() + (each - 1), c.lastId());
            assertEquals(new Totals(1, 0, 0), store().totals(c.with()));
        }
    }

    @Test
    void deleteInboxForgetsOnlyThatOwner() {
        record(in(owner, partner(1), "1", T));
        record(in(owner, partner(2), "2", T));
        record(in(other, owner, "3", T));

        store().deleteInbox(owner);

        assertEquals(List.of(), all(owner));
        assertEquals(new Totals(0, 0, 0), store().totals(owner));
        assertEquals(Optional.empty(), store().list(owner, partner(1), 10, false));
        assertEquals(List.of(owner), partners(all(other)));
        record(in(owner, partner(1), "4", T));
        assertEquals(List.of(new Conversation(owner, partner(1), "4", T, stanza("4"), 1)), all(owner), "a new inbox starts from nothing");
    }

    @Test
    void deleteAccountDataDeletesTheBareAccountsInbox() {
        record(in(owner, partner(1), "1", T));
        record(in(other, partner(1), "2", T));

        store().deleteAccountData(new JID(owner + "/phone"));

        assertEquals(new Totals(0, 0, 0), store().totals(owner));
        assertEquals(new Totals(1, 1, 1), store().totals(other));
    }

    @Test
    void unicodeJidsRoundTripAndStayApart() {
        String romeo = newOwner("ромео\uD83C\uDF39");
        List<String> partners = List.of("джульетта@верона.example", "東京@例え.テスト", "\uD83C\uDF39@example.test",
                "e\u0301@example.test", "\u00e9@example.test");
        for (int i = 0; i < partners.size(); i++) {
            record(in(romeo, partners.get(i), "m" + i, T.plusSeconds(i)));
        }

        List<Conversation> listed = all(romeo);
        assertEquals(reversed(partners), partners(listed));
        assertTrue(listed.stream().allMatch(c -> c.owner().equals(romeo)));
        assertEquals(Optional.of(reversed(partners.subList(0, 3))),
                store().list(romeo, partners.get(3), 10, false).map(p -> partners(p.conversations())));
        assertEquals(Optional.empty(), store().list(romeo.replace("ромео", "РОМЕО"), partners.get(0), 10, false),
                "owners compare exactly");
    }

    @Test
    void aLargeLastStanzaRoundTrips() {
        String body = TestText.prefix("But soft! \uD83C\uDF39 Ромео 東京 \u00e9 ".repeat(12_000), 200 * 1024);
        String stanza = "<message type='chat'><body>" + body + "</body></message>";

        store().record(List.of(new Update(owner, partner(1), "big", T, stanza, true)));

        assertEquals(stanza, conversation(owner, partner(1)).lastStanza());
    }

    private void record(Update update) {
        store().record(List.of(update));
    }

    private List<Conversation> all(String who) {
        Page page = store().list(who, null, 1000, false).orElseThrow();
        assertTrue(page.complete());
        return page.conversations();
    }

    private Conversation conversation(String who, String with) {
        return all(who).stream().filter(c -> c.with().equals(with)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation of " + who + " with " + with));
    }

    private static String last(Page page) {
        return page.conversations().get(page.conversations().size() - 1).with();
    }

    private static List<String> partners(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::with).toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static Update in(String owner, String with, String id, Instant stamp) {
        return new Update(owner, with, id, stamp, stanza(id), true);
    }

    private static Update out(String owner, String with, String id, Instant stamp) {
        return new Update(owner, with, id, stamp, stanza(id), false);
    }

    private static String stanza(String id) {
        return "<message type='chat' id='" + id + "'><body>Message " + id + " \u00e9\uD83C\uDF39</body></message>";
    }
}
