package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.offline.OfflineStore;
import im.parley.module.offline.OfflineStore.Stored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link OfflineStore} must do, run against each backend by a subclass that supplies the
 * store. Each test uses owners of its own, so tests can share a database kept between runs.
 */
abstract class OfflineStoreContract {
    private static final Instant T = Instant.parse("2024-05-06T07:08:09.123456Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final JID owner = new JID("owner-" + run, "example.test", null);
    private final JID other = new JID("other-" + run, "example.test", null);

    /** The store under test; may be shared by all tests of the class. */
    protected abstract OfflineStore store();

    @AfterEach
    void deleteTestMessages() {
        store().deleteAll(owner);
        store().deleteAll(other);
    }

    @Test
    void anOwnerWithNothingHasNoMessages() {
        assertEquals(List.of(), store().list(owner, 10));
        assertEquals(0, store().count(owner));
    }

    @Test
    void messagesAreListedOldestFirstWithWhatWasStored() {
        for (int i = 0; i < 3; i++) {
            assertTrue(store().add(owner, T.plusSeconds(i), message(i), 10));
        }

        List<Stored> listed = store().list(owner, 10);

        assertEquals(List.of(message(0), message(1), message(2)), listed.stream().map(Stored::stanza).toList());
        assertEquals(List.of(T, T.plusSeconds(1), T.plusSeconds(2)), listed.stream().map(Stored::stored).toList());
        assertIncreasing(listed);
        assertEquals(3, store().count(owner));
    }

    @Test
    void listGivesAtMostTheRequestedNumber() {
        for (int i = 0; i < 5; i++) {
            store().add(owner, T, message(i), 10);
        }

        assertEquals(List.of(message(0), message(1)), store().list(owner, 2).stream().map(Stored::stanza).toList());
        assertEquals(List.of(), store().list(owner, 0));
        assertEquals(5, store().list(owner, Integer.MAX_VALUE).size());
    }

    @Test
    void theLimitIsKeptExactlyAndFreedByRemoving() {
        for (int i = 0; i < 3; i++) {
            assertTrue(store().add(owner, T, message(i), 3));
        }

        assertFalse(store().add(owner, T, message(3), 3));
        assertFalse(store().add(owner, T, message(3), 2), "a lowered limit refuses too");
        assertFalse(store().add(other, T, message(3), 0), "a limit of 0 stores nothing");
        assertEquals(3, store().count(owner));
        assertTrue(store().add(other, T, message(3), 3), "the limit is per owner");
        store().remove(owner, List.of(store().list(owner, 1).get(0).id()));
        assertTrue(store().add(owner, T, message(4), 3));
        assertEquals(List.of(message(1), message(2), message(4)), store().list(owner, 10).stream().map(Stored::stanza).toList());
    }

    @Test
    void removeDeletesOnlyTheGivenIdsOfTheOwner() {
        for (int i = 0; i < 5; i++) {
            store().add(owner, T, message(i), 10);
        }
        store().add(other, T, message(9), 10);
        List<Stored> all = store().list(owner, 10);
        long othersId = store().list(other, 1).get(0).id();

        store().remove(owner, List.of(all.get(1).id(), all.get(3).id(), othersId));
        store().remove(owner, List.of());
        store().remove(other, List.of(all.get(0).id()));

        assertEquals(List.of(all.get(0), all.get(2), all.get(4)), store().list(owner, 10));
        assertEquals(1, store().count(other), "another owner's id is not removed");
        assertEquals(3, store().count(owner));
    }

    @Test
    void deleteOlderThanDeletesOnlyOlderMessagesOfEveryOwner() {
        // Long ago, so that no message another test left in a shared database is older.
        Instant old = Instant.parse("1971-02-03T04:05:06.000007Z");
        store().add(owner, old, message(0), 10);
        store().add(owner, old.plusSeconds(10), message(1), 10);
        store().add(other, old.plusSeconds(5), message(2), 10);
        store().add(other, old.plusSeconds(20), message(3), 10);

        assertEquals(3, store().deleteOlderThan(old.plusSeconds(20)));

        assertEquals(List.of(), store().list(owner, 10));
        assertEquals(List.of(message(3)), store().list(other, 10).stream().map(Stored::stanza).toList());
        assertEquals(0, store().deleteOlderThan(old.plusSeconds(20)), "not before the cutoff: kept");
    }

    @Test
    void deleteAllDeletesOnlyThatOwnersMessages() {
        store().add(owner, T, message(0), 10);
        store().add(owner, T, message(1), 10);
        store().add(other, T, message(2), 10);

        store().deleteAll(owner);

        assertEquals(0, store().count(owner));
        assertEquals(1, store().count(other));
        assertTrue(store().add(owner, T, message(3), 1), "storing works again");
        assertEquals(List.of(message(3)), store().list(owner, 10).stream().map(Stored::stanza).toList());
    }

    @Test
    void ownersAreTakenBare() {
        JID phone = new JID(owner.getNode(), owner.getDomain(), "phone");

        store().add(phone, T, message(0), 10);

        assertEquals(1, store().count(owner));
        assertEquals(1, store().list(new JID(owner.getNode(), owner.getDomain(), "laptop"), 10).size());
    }

    @Test
    void aLargeStanzaRoundTrips() {
        String body = TestText.prefix("But soft! \uD83C\uDF39 Ромео 東京 \u00e9 ".repeat(12_000), 256 * 1024);
        String stanza = "<message type='chat'><body>" + body + "</body></message>";

        assertTrue(store().add(owner, T, stanza, 10));

        assertEquals(stanza, store().list(owner, 1).get(0).stanza());
    }

    @Test
    void concurrentSendersNeverPassTheLimit() throws Exception {
        int threads = 8;
        int each = 10;
        int limit = 25;
        List<Callable<List<Boolean>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            tasks.add(() -> {
                List<Boolean> results = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    results.add(store().add(owner, T, sender + ":" + i, limit));
                }
                return results;
            });
        }

        List<List<Boolean>> results = Race.run(tasks);

        assertEquals(limit, results.stream().flatMap(List::stream).filter(b -> b).count());
        assertEquals(limit, store().count(owner));
        List<Stored> stored = store().list(owner, 100);
        assertIncreasing(stored);
        for (int t = 0; t < threads; t++) {
            String sender = t + ":";
            List<Integer> order = stored.stream().map(Stored::stanza).filter(s -> s.startsWith(sender))
                    .map(s -> Integer.parseInt(s.substring(sender.length()))).toList();
            List<Integer> sorted = new ArrayList<>(order);
            Collections.sort(sorted);
            assertEquals(sorted, order, "each sender's messages in the order sent");
        }
    }

    private static void assertIncreasing(List<Stored> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i - 1).id() < messages.get(i).id(), "ids increase: " + messages);
        }
    }

    private static String message(int n) {
        return "<message type='chat' to='x@example.test'><body>Message " + n + " \u00e9\uD83C\uDF39</body></message>";
    }
}
