package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.ArchiveStore.Archived;
import im.parley.module.archive.ArchiveStore.Page;
import im.parley.module.archive.ArchiveStore.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link ArchiveStore} must do, run against each backend by a subclass that supplies the
 * store. Each test uses archives of its own, so tests can share a database kept between runs.
 */
abstract class ArchiveStoreContract {
    private static final Instant T = Instant.parse("2024-05-06T07:08:09.123456Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String alice = "alice-" + run + "@example.test";
    private final String bob = "bob-" + run + "@example.test";
    private final String carol = "carol-" + run + "@example.test";
    private final String unicode = "ромео-\uD83C\uDF39-" + run + "@例え.テスト";

    /** The store under test; may be shared by all tests of the class. */
    protected abstract ArchiveStore store();

    @AfterEach
    void deleteTestArchives() {
        for (String archive : List.of(alice, bob, carol, unicode)) {
            store().deleteArchive(archive);
        }
    }

    @Test
    void anEmptyArchiveHasNothing() {
        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10)));
        assertEquals(page(List.of(), true), query(Query.last(alice, null, 10)));
        assertEquals(page(List.of(), true), query(Query.last(alice, bob, 0)));
        assertEquals(Optional.empty(), store().first(alice));
        assertEquals(Optional.empty(), store().last(alice));
        assertEquals(0, store().deleteOlderThan(alice, T.plusSeconds(100)));
        assertEquals(0, store().deleteArchive(alice));
    }

    @Test
    void messagesAreReadInArchiveOrderWithWhatWasAppended() {
        List<Archived> messages = messages(alice, 5);
        store().append(messages.subList(0, 2));
        store().append(messages.subList(2, 5));

        assertEquals(page(messages, true), query(Query.first(alice, null, 10)));
        assertEquals(page(messages, true), query(Query.last(alice, null, 10)));
        assertEquals(page(messages, true), query(Query.first(alice, null, Integer.MAX_VALUE)));
        assertEquals(page(List.of(), true), query(Query.first(bob, null, 10)), "archives are separate");
    }

    @Test
    void aReplacedMessageKeepsItsIdStampAndPlaceWithItsNewStanza() {
        List<Archived> messages = messages(alice, 3);
        store().append(messages);
        String tombstone = "<message type='chat'><retracted xmlns='urn:xmpp:message-retract:1' stamp='2026-11-28T05:40:00Z'/></message>";
        assertTrue(store().replace(alice, id(1), tombstone));
        Archived old = messages.get(1);
        List<Archived> expected = List.of(messages.get(0), new Archived(alice, old.id(), old.stamp(), old.with(), tombstone),
                messages.get(2));
        assertEquals(page(expected, true), query(Query.first(alice, null, 10)));
        assertTrue(query(Query.first(alice, old.with(), 10)).messages().contains(expected.get(1)), "found by its partner as before");
    }

    @Test
    void replacingAnIdTheArchiveDoesNotHoldChangesNothing() {
        List<Archived> messages = messages(alice, 2);
        store().append(messages);
        assertFalse(store().replace(alice, "no-such-id", "<message/>"));
        assertFalse(store().replace(bob, id(0), "<message/>"), "another archive's id");
        assertEquals(page(messages, true), query(Query.first(alice, null, 10)));
    }

    @Test
    void archiveOrderIsTheOrderOfAppendingNotOfStamps() {
        List<Archived> messages = List.of(
                message(alice, 0, T.plusSeconds(9), bob), message(alice, 1, T, bob), message(alice, 2, T.plusSeconds(5), bob));
        store().append(messages);

        assertEquals(page(messages, true), query(Query.first(alice, null, 10)));
        assertEquals(Optional.of(messages.get(0)), store().first(alice));
        assertEquals(Optional.of(messages.get(2)), store().last(alice));
    }

    @Test
    void firstAndLastPagesAreCompleteOnlyWhenNothingLiesBeyond() {
        List<Archived> m = messages(alice, 5);
        store().append(m);

        assertEquals(page(List.of(), false), query(Query.first(alice, null, 0)));
        assertEquals(page(List.of(), false), query(Query.last(alice, null, 0)));
        assertEquals(page(m.subList(0, 4), false), query(Query.first(alice, null, 4)));
        assertEquals(page(m.subList(1, 5), false), query(Query.last(alice, null, 4)));
        assertEquals(page(m, true), query(Query.first(alice, null, 5)));
        assertEquals(page(m, true), query(Query.last(alice, null, 5)));
        assertEquals(page(m, true), query(Query.first(alice, null, 6)));
        assertEquals(page(m, true), query(Query.last(alice, null, 6)));
    }

    @Test
    void pagingForwardAfterIdsReachesTheEnd() {
        List<Archived> m = messages(alice, 25);
        store().append(m);

        Page first = query(Query.first(alice, null, 10));
        Page second = query(Query.first(alice, null, 10).after(lastId(first)));
        Page third = query(Query.first(alice, null, 10).after(lastId(second)));

        assertEquals(page(m.subList(0, 10), false), first);
        assertEquals(page(m.subList(10, 20), false), second);
        assertEquals(page(m.subList(20, 25), true), third);
        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10).after(lastId(third))));
        assertEquals(page(m.subList(15, 25), true), query(Query.first(alice, null, 10).after(m.get(14).id())),
                "a page that ends at the last message is complete");
    }

    @Test
    void pagingBackBeforeIdsReachesTheStart() {
        List<Archived> m = messages(alice, 25);
        store().append(m);

        Page last = query(Query.last(alice, null, 10));
        Page before = query(Query.last(alice, null, 10).before(firstId(last)));
        Page oldest = query(Query.last(alice, null, 10).before(firstId(before)));

        assertEquals(page(m.subList(15, 25), false), last);
        assertEquals(page(m.subList(5, 15), false), before);
        assertEquals(page(m.subList(0, 5), true), oldest);
        assertEquals(page(List.of(), true), query(Query.last(alice, null, 10).before(firstId(oldest))));
        assertEquals(page(m.subList(0, 10), true), query(Query.last(alice, null, 10).before(m.get(10).id())),
                "a page that starts at the first message is complete");
        assertEquals(page(m.subList(10, 12), false), query(new Query(alice, null, null, null, m.get(9).id(), null,
                null, 2, false)), "after an id, read forward");
        assertEquals(page(m.subList(23, 25), false), query(new Query(alice, null, null, null, m.get(9).id(), null,
                null, 2, true)), "after an id, read from the end");
    }

    @Test
    void withReadsOneConversation() {
        List<Archived> m = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            m.add(message(alice, i, T.plusSeconds(i), i % 3 == 0 ? carol : bob));
        }
        store().append(m);
        List<Archived> withCarol = List.of(m.get(0), m.get(3), m.get(6), m.get(9));

        assertEquals(page(withCarol, true), query(Query.first(alice, carol, 10)));
        assertEquals(page(withCarol.subList(2, 4), false), query(Query.last(alice, carol, 2)));
        assertEquals(page(withCarol.subList(0, 2), true), query(Query.last(alice, carol, 2).before(m.get(6).id())));
        assertEquals(page(withCarol.subList(2, 4), true), query(Query.first(alice, carol, 2).after(m.get(4).id())),
                "the id may be of another conversation of the archive");
        assertEquals(page(List.of(), true), query(Query.first(alice, carol + "/phone", 10)), "with compares exactly");
        assertEquals(page(List.of(), true), query(Query.first(bob, carol, 10)));
    }

    @Test
    void startAndEndAreInclusive() {
        Instant t1 = T.plusSeconds(1);
        Instant t2 = T.plusSeconds(2);
        List<Archived> m = List.of(message(alice, 0, T, bob), message(alice, 1, t1, bob), message(alice, 2, t1, carol),
                message(alice, 3, t2, bob), message(alice, 4, T.plusSeconds(3), bob));
        store().append(m);

        assertEquals(page(m.subList(1, 4), true), query(Query.first(alice, null, 10).between(t1, t2)));
        assertEquals(page(m.subList(1, 4), true), query(Query.last(alice, null, 10).between(t1, t2)));
        assertEquals(page(m.subList(1, 3), true), query(Query.first(alice, null, 10).between(t1, t1)), "equal stamps");
        assertEquals(page(m.subList(1, 5), true), query(Query.first(alice, null, 10).between(t1, null)));
        assertEquals(page(m.subList(0, 4), true), query(Query.first(alice, null, 10).between(null, t2)));
        assertEquals(page(m.subList(1, 3), false), query(Query.first(alice, null, 2).between(t1, t2)));
        assertEquals(page(m.subList(2, 4), false), query(Query.last(alice, null, 2).between(t1, t2)));
        assertEquals(page(List.of(m.get(1), m.get(3)), true), query(Query.first(alice, bob, 10).between(t1, t2)));
        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10).between(t2, t1)));
        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10).between(T.plusSeconds(4), null)));
        assertEquals(page(List.of(), true), query(Query.last(alice, null, 10).between(null, T.minusNanos(1000))));
    }

    @Test
    void startAndEndCompareWithTheExactInstants() {
        List<Archived> m = messages(alice, 4);
        store().append(m);
        Instant t1 = m.get(1).stamp();
        Instant t2 = m.get(2).stamp();

        assertEquals(page(m.subList(1, 3), true), query(Query.first(alice, null, 10).between(t1.minusNanos(1), t2.plusNanos(1))));
        assertEquals(page(m.subList(2, 3), true), query(Query.first(alice, null, 10).between(t1.plusNanos(1), t2)));
        assertEquals(page(m.subList(1, 2), true), query(Query.first(alice, null, 10).between(t1, t2.minusNanos(1))));
    }

    @Test
    void startAndEndCombineWithAfterAndBefore() {
        List<Archived> m = messages(alice, 10);
        store().append(m);
        Query range = Query.first(alice, null, 2).between(m.get(2).stamp(), m.get(7).stamp());

        assertEquals(page(m.subList(2, 4), false), query(range));
        assertEquals(page(m.subList(4, 6), false), query(range.after(m.get(3).id())));
        assertEquals(page(m.subList(6, 8), true), query(range.after(m.get(5).id())));
        assertEquals(page(m.subList(2, 4), false), query(range.after(m.get(0).id())), "an id before the range");
        assertEquals(page(List.of(), true), query(range.after(m.get(8).id())), "an id after the range");
        assertEquals(page(m.subList(6, 8), false), query(range.before(m.get(9).id())));
        assertEquals(page(m.subList(4, 6), false), query(range.before(m.get(6).id())));
        assertEquals(page(m.subList(2, 4), true), query(range.before(m.get(4).id())));
        assertEquals(page(List.of(), true), query(range.before(m.get(1).id())));
    }

    @Test
    void stampsSlightlyOutOfArchiveOrderAreStillFoundByTime() {
        // Appended by cluster nodes whose clocks differ by a few seconds.
        List<Archived> m = List.of(message(alice, 0, T, bob), message(alice, 1, T.plusSeconds(5), bob),
                message(alice, 2, T.plusSeconds(3), bob), message(alice, 3, T.plusSeconds(4), bob),
                message(alice, 4, T.plusSeconds(2), bob), message(alice, 5, T.plusSeconds(8), bob));
        store().append(m);

        assertEquals(page(List.of(m.get(1), m.get(5)), true), query(Query.first(alice, null, 10).between(T.plusSeconds(5), null)));
        assertEquals(page(List.of(m.get(1), m.get(2), m.get(3)), true),
                query(Query.first(alice, null, 10).between(T.plusSeconds(3), T.plusSeconds(7))));
        assertEquals(page(List.of(m.get(0), m.get(2), m.get(4)), true),
                query(Query.last(alice, null, 10).between(null, T.plusSeconds(3))));
        assertEquals(page(List.of(m.get(2), m.get(3)), true),
                query(Query.last(alice, null, 2).between(T.plusSeconds(3), T.plusSeconds(4)).before(m.get(5).id())),
                "read from the end: nothing before message 2 matches");
    }

    @Test
    void aStampOutOfOrderInALongArchiveIsFoundByTime() {
        List<Archived> m = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // 0, 20, ... 100 s, then one stamped 97 s by a node whose clock lags, then 120 s and on.
            m.add(message(alice, i, T.plusSeconds(i == 6 ? 97 : i < 6 ? i * 20 : (i - 1) * 20), bob));
        }
        store().append(m);

        // The first message stamped at or after 96 s is not the first in archive order.
        assertEquals(page(m.subList(5, 8), true), query(Query.first(alice, null, 10).between(T.plusSeconds(96), T.plusSeconds(130))));
        assertEquals(page(m.subList(5, 7), false), query(Query.first(alice, null, 2).between(T.plusSeconds(96), T.plusSeconds(130))));
        assertEquals(page(m.subList(6, 8), false), query(Query.last(alice, null, 2).between(T.plusSeconds(96), T.plusSeconds(130))));
        assertEquals(page(List.of(m.get(5), m.get(7)), true), query(Query.first(alice, null, 10).between(T.plusSeconds(98), T.plusSeconds(130))));
        assertEquals(page(List.of(m.get(6)), true), query(Query.first(alice, null, 10).between(T.plusSeconds(90), T.plusSeconds(98))));
        assertEquals(page(m.subList(0, 7), true), query(Query.last(alice, null, 10).between(null, T.plusSeconds(100))));
    }

    @Test
    void idsGivesThoseMessagesInArchiveOrder() {
        List<Archived> m = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            m.add(message(alice, i, T.plusSeconds(i), i % 2 == 0 ? bob : carol));
        }
        store().append(m);
        store().append(List.of(message(bob, 99, T, alice)));
        List<String> ids = List.of(m.get(7).id(), m.get(2).id(), "unknown", m.get(5).id(), m.get(2).id(), id(99));

        assertEquals(page(List.of(m.get(2), m.get(5), m.get(7)), true), query(ids(alice, null, ids, 10)));
        assertEquals(page(List.of(m.get(2), m.get(5)), false), query(ids(alice, null, ids, 2)));
        assertEquals(page(List.of(m.get(2), m.get(5), m.get(7)), true), query(ids(alice, null, ids, 3)));
        assertEquals(page(List.of(m.get(5), m.get(7)), true), query(ids(alice, carol, ids, 10)));
        assertEquals(page(List.of(), true), query(ids(alice, null, List.of(), 10)));
        assertEquals(page(List.of(), true), query(ids(alice, null, List.of("unknown"), 10)));
        assertEquals(page(List.of(), false), query(ids(alice, null, ids, 0)));
    }

    @Test
    void anUnknownAfterOrBeforeIdGivesNoPage() {
        store().append(messages(alice, 3));
        store().append(List.of(message(bob, 7, T, alice)));

        assertEquals(Optional.empty(), store().query(Query.first(alice, null, 10).after("unknown")));
        assertEquals(Optional.empty(), store().query(Query.last(alice, null, 10).before("unknown")));
        assertEquals(Optional.empty(), store().query(Query.first(alice, null, 10).after(id(7))), "an id of another archive");
        assertEquals(Optional.empty(), store().query(Query.first(carol, null, 10).after(id(0))), "an empty archive");
    }

    @Test
    void appendSkipsIdsTheArchiveHoldsAndKeepsTheRest() {
        List<Archived> m = messages(alice, 5);
        store().append(m.subList(0, 3));

        Archived again = new Archived(alice, m.get(1).id(), T.plusSeconds(60), carol, "<message>again</message>");
        Archived twice = new Archived(alice, m.get(3).id(), T.plusSeconds(61), carol, "<message>twice</message>");
        store().append(List.of(again, m.get(3), twice, m.get(4)));
        store().append(List.of(message(bob, 1, T, alice)));

        assertEquals(page(m, true), query(Query.first(alice, null, 10)));
        assertEquals(1, query(Query.first(bob, null, 10)).messages().size(), "ids are per archive");
    }

    @Test
    void aLargeBatchIsKeptWholeAndInOrder() {
        List<Archived> m = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            m.add(message(i % 3 == 0 ? bob : alice, i, T.plusMillis(i), carol));
        }
        store().append(m.subList(500, 510));
        List<Archived> batch = new ArrayList<>(m);
        batch.add(m.get(7));

        store().append(batch);

        List<Archived> expected = new ArrayList<>(m.subList(500, 510).stream().filter(a -> a.archive().equals(alice)).toList());
        m.stream().filter(a -> a.archive().equals(alice) && !expected.contains(a)).forEach(expected::add);
        assertEquals(page(expected, true), query(Query.first(alice, null, 2_000)));
        assertEquals(367, query(Query.first(bob, null, 2_000)).messages().size());
    }

    @Test
    void idsAreComparedExactly() {
        List<Archived> m = List.of(new Archived(alice, "a", T, bob, "<message>1</message>"),
                new Archived(alice, "a ", T, bob, "<message>2</message>"),
                new Archived(alice, "A", T, bob, "<message>3</message>"),
                new Archived(alice, "\u00e9", T, bob, "<message>4</message>"),
                new Archived(alice, "e\u0301", T, bob, "<message>5</message>"));
        store().append(m);

        assertEquals(page(m, true), query(Query.first(alice, null, 10)));
        assertEquals(page(m.subList(2, 5), true), query(Query.first(alice, null, 10).after("a ")));
    }

    @Test
    void idsLongerThanTheLimitAreRefusedAndNothingIsStored() {
        Archived longest = new Archived(alice, "i".repeat(Archived.MAX_ID_LENGTH), T, bob, "<message/>");
        Archived tooLong = new Archived(alice, "i".repeat(Archived.MAX_ID_LENGTH + 1), T, bob, "<message/>");

        assertThrows(IllegalArgumentException.class, () -> store().append(List.of(longest, tooLong)));
        assertEquals(Optional.empty(), store().last(alice));
        store().append(List.of(longest));
        assertEquals(Optional.of(longest), store().last(alice));
    }

    @Test
    void concurrentAppendsOfTheSameBatchStoreEachMessageOnce() throws Exception {
        List<Archived> shared = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Two archives per batch, as a chat message between two local users is archived twice.
            shared.add(message(i % 2 == 0 ? alice : bob, i, T.plusSeconds(i), carol));
        }
        int threads = 6;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Archived> batch = new ArrayList<>(shared);
            // And one message of its own, which a lost batch would lose.
            batch.add(message(alice, 1000 + t, T.plusSeconds(100), carol));
            tasks.add(() -> {
                store().append(batch);
                return null;
            });
        }

        Race.run(tasks);

        List<Archived> stored = query(Query.first(alice, null, 100)).messages();
        assertEquals(20 + threads, stored.size(), () -> "each id once: " + stored);
        assertEquals(stored.stream().map(Archived::id).distinct().count(), stored.size());
        for (int t = 0; t < threads; t++) {
            assertTrue(stored.contains(message(alice, 1000 + t, T.plusSeconds(100), carol)), "own message of thread " + t);
        }
        assertEquals(shared.stream().filter(a -> a.archive().equals(bob)).toList(),
                query(Query.first(bob, null, 100)).messages());
    }

    @Test
    void appendsFromManyThreadsAreAllKeptInTheirOrder() throws Exception {
        int threads = 4;
        int each = 15;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            tasks.add(() -> {
                for (int i = 0; i < each; i++) {
                    store().append(List.of(message(alice, sender * 1000 + i, T, bob)));
                }
                return null;
            });
        }

        Race.run(tasks);

        List<Archived> stored = query(Query.first(alice, null, 1000)).messages();
        assertEquals(threads * each, stored.size());
        for (int t = 0; t < threads; t++) {
            int sender = t;
            List<String> order = stored.stream().map(Archived::id)
                    .filter(id -> Integer.parseInt(id.substring(3)) / 1000 == sender).toList();
            assertEquals(IntStream.range(0, each).mapToObj(i -> id(sender * 1000 + i)).toList(), order,
                    "each thread's messages in the order appended");
        }
    }

    @Test
    void firstAndLastAreTheOldestAndNewest() {
        List<Archived> m = messages(alice, 3);
        store().append(m);

        assertEquals(Optional.of(m.get(0)), store().first(alice));
        assertEquals(Optional.of(m.get(2)), store().last(alice));
        assertEquals(Optional.empty(), store().first(bob));
    }

    @Test
    void deleteOlderThanInOneArchive() {
        List<Archived> m = messages(alice, 5);
        store().append(m);
        store().append(messages(bob, 5));

        assertEquals(2, store().deleteOlderThan(alice, m.get(2).stamp()));

        assertEquals(page(m.subList(2, 5), true), query(Query.first(alice, null, 10)));
        assertEquals(5, query(Query.first(bob, null, 10)).messages().size());
        assertEquals(0, store().deleteOlderThan(alice, m.get(2).stamp()), "not before the cutoff: kept");
        assertEquals(3, store().deleteOlderThan(alice, T.plusSeconds(3600)));
        assertEquals(Optional.empty(), store().last(alice));
    }

    @Test
    void deleteOlderThanInEveryArchive() {
        // Long ago, so that no message another test left in a shared database is older.
        Instant old = Instant.parse("1971-02-03T04:05:06.000007Z");
        store().append(List.of(message(alice, 0, old, bob), message(alice, 1, old.plusSeconds(10), bob),
                message(bob, 2, old.plusSeconds(5), alice), message(bob, 3, old.plusSeconds(20), alice)));

        assertEquals(3, store().deleteOlderThan(old.plusSeconds(20)));

        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10)));
        assertEquals(List.of(id(3)), query(Query.first(bob, null, 10)).messages().stream().map(Archived::id).toList());
        assertEquals(0, store().deleteOlderThan(old.plusSeconds(20)), "not before the cutoff: kept");
    }

    @Test
    void deleteArchiveDeletesOnlyThatArchive() {
        store().append(messages(alice, 7));
        store().append(messages(bob, 2));

        assertEquals(7, store().deleteArchive(alice));

        assertEquals(page(List.of(), true), query(Query.first(alice, null, 10)));
        assertEquals(Optional.empty(), store().first(alice));
        assertEquals(2, query(Query.first(bob, null, 10)).messages().size());
        assertEquals(0, store().deleteArchive(alice));
        List<Archived> again = messages(alice, 2);
        store().append(again);
        assertEquals(page(again, true), query(Query.first(alice, null, 10)), "appending works again, the same ids too");
    }

    @Test
    void deleteAccountDataDeletesTheAccountsArchive() {
        store().append(messages(alice, 3));
        store().append(messages(bob, 1));

        store().deleteAccountData(new JID(alice + "/phone"));

        assertEquals(Optional.empty(), store().last(alice));
        assertEquals(1, query(Query.first(bob, null, 10)).messages().size());
    }

    @Test
    void unicodeRoundTripsInJidsIdsAndStanzas() {
        String room = "東京-" + run + "@conference.例え.テスト/ニック \uD83C\uDF39";
        List<Archived> m = List.of(
                new Archived(unicode, "ид-\uD83C\uDF39", T, room, "<message><body>Ромео \uD83C\uDF39 東京 \u00e9</body></message>"),
                new Archived(unicode, "id-2", T.plusSeconds(1), bob, "<message><body>e\u0301</body></message>"));
        store().append(m);

        assertEquals(page(m, true), query(Query.first(unicode, null, 10)));
        assertEquals(page(m.subList(0, 1), true), query(Query.first(unicode, room, 10)));
        assertEquals(page(m.subList(1, 2), true), query(Query.first(unicode, null, 10).after("ид-\uD83C\uDF39")));
        assertEquals(page(m.subList(0, 1), true), query(ids(unicode, null, List.of("ид-\uD83C\uDF39"), 10)));
    }

    @Test
    void aLargeStanzaRoundTrips() {
        String body = TestText.prefix("But soft! \uD83C\uDF39 Ромео 東京 \u00e9 ".repeat(10_000), 200 * 1024);
        Archived large = new Archived(alice, "large", T, bob, "<message type='chat'><body>" + body + "</body></message>");

        store().append(List.of(large));

        assertEquals(Optional.of(large), store().last(alice));
        assertEquals(page(List.of(large), true), query(Query.last(alice, bob, 1)));
    }

    private Page query(Query q) {
        return store().query(q).orElseThrow(() -> new AssertionError("no page for " + q));
    }

    private static Query ids(String archive, String with, List<String> ids, int max) {
        return new Query(archive, with, null, null, null, null, ids, max, false);
    }

    private static Page page(List<Archived> messages, boolean complete) {
        return new Page(messages, complete);
    }

    private static String firstId(Page page) {
        return page.messages().get(0).id();
    }

    private static String lastId(Page page) {
        return page.messages().get(page.messages().size() - 1).id();
    }

    /** Messages 0 to n-1 of an archive, a second apart, alternating between two partners. */
    private List<Archived> messages(String archive, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> message(archive, i, T.plusSeconds(i), i % 2 == 0 ? carol : (archive.equals(bob) ? alice : bob)))
                .toList();
    }

    private static Archived message(String archive, int n, Instant stamp, String with) {
        return new Archived(archive, id(n), stamp, with,
                "<message type='chat' to='" + with + "'><body>Message " + n + " \u00e9\uD83C\uDF39</body></message>");
    }

    private static String id(int n) {
        return "id-" + n;
    }
}
