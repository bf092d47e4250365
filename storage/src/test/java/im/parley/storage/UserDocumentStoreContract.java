package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.storage.UserDocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link UserDocumentStore} must do, run against each backend by a subclass that
 * supplies the store. Each test uses owners in a domain of its own, so tests share a database
 * without wiping tables.
 */
abstract class UserDocumentStoreContract {
    private static final int ONE_MIB = 1024 * 1024;

    private final String domain = "d" + UUID.randomUUID().toString().replace("-", "") + ".test";
    private final JID romeo = new JID("romeo", domain, null);
    private final JID juliet = new JID("juliet", domain, null);
    private final JID romeoElsewhere = new JID("romeo", "other." + domain, null);

    /** The store under test; may be shared by all tests of the class. */
    protected abstract UserDocumentStore store();

    @AfterEach
    void deleteTestDocuments() {
        List.of(romeo, juliet, romeoElsewhere).forEach(store()::deleteAll);
    }

    @Test
    void missingDocumentIsEmpty() {
        assertEquals(Optional.empty(), store().get(romeo, "vcard"));
    }

    @Test
    void storedDocumentIsReturned() {
        store().put(romeo, "vcard", "<vCard xmlns='vcard-temp'><FN>Romeo</FN></vCard>");

        assertEquals(Optional.of("<vCard xmlns='vcard-temp'><FN>Romeo</FN></vCard>"), store().get(romeo, "vcard"));
    }

    @Test
    void putReplacesTheDocument() {
        store().put(romeo, "vcard", "first");

        store().put(romeo, "vcard", "second");

        assertEquals(Optional.of("second"), store().get(romeo, "vcard"));
    }

    @Test
    void emptyDocumentIsADocument() {
        store().put(romeo, "empty", "");

        assertEquals(Optional.of(""), store().get(romeo, "empty"));
    }

    @Test
    void deleteRemovesOneDocumentAndSaysWhetherThereWasOne() {
        store().put(romeo, "vcard", "card");
        store().put(romeo, "private:{storage:bookmarks}storage", "bookmarks");

        assertTrue(store().delete(romeo, "vcard"));
        assertFalse(store().delete(romeo, "vcard"));
        assertFalse(store().delete(juliet, "vcard"));

        assertEquals(Optional.empty(), store().get(romeo, "vcard"));
        assertEquals(Optional.of("bookmarks"), store().get(romeo, "private:{storage:bookmarks}storage"));
    }

    @Test
    void deleteAllRemovesEveryDocumentOfOneOwnerOnly() {
        store().put(romeo, "vcard", "card");
        store().put(romeo, "private:{storage:bookmarks}storage", "bookmarks");
        store().put(juliet, "vcard", "hers");
        store().put(romeoElsewhere, "vcard", "another romeo");

        store().deleteAll(romeo);

        assertEquals(Optional.empty(), store().get(romeo, "vcard"));
        assertEquals(Optional.empty(), store().get(romeo, "private:{storage:bookmarks}storage"));
        assertEquals(Optional.of("hers"), store().get(juliet, "vcard"));
        assertEquals(Optional.of("another romeo"), store().get(romeoElsewhere, "vcard"));
        store().deleteAll(romeo); // nothing left: harmless
    }

    @Test
    void ownersAreSeparate() {
        store().put(romeo, "vcard", "his");
        store().put(juliet, "vcard", "hers");
        store().put(romeoElsewhere, "vcard", "the other's");

        assertEquals(Optional.of("his"), store().get(romeo, "vcard"));
        assertEquals(Optional.of("hers"), store().get(juliet, "vcard"));
        assertEquals(Optional.of("the other's"), store().get(romeoElsewhere, "vcard"));
    }

    @Test
    void theOwnerIsTheBareJid() {
        store().put(new JID("romeo", domain, "balcony"), "vcard", "card");

        assertEquals(Optional.of("card"), store().get(romeo, "vcard"));
        assertEquals(Optional.of("card"), store().get(new JID("romeo", domain, "garden"), "vcard"));
        assertTrue(store().delete(new JID("romeo", domain, "orchard"), "vcard"));
    }

    @Test
    void keysAreComparedExactly() {
        store().put(romeo, "private:{urn:Example}prefs", "upper");
        store().put(romeo, "private:{urn:example}prefs", "lower");
        store().put(romeo, "private:{urn:example}prefs ", "trailing space");

        assertEquals(Optional.of("upper"), store().get(romeo, "private:{urn:Example}prefs"));
        assertEquals(Optional.of("lower"), store().get(romeo, "private:{urn:example}prefs"));
        assertEquals(Optional.of("trailing space"), store().get(romeo, "private:{urn:example}prefs "));
        assertEquals(Optional.empty(), store().get(romeo, "private:{urn:example}"));
    }

    @Test
    void unicodeKeysOwnersAndDocumentsRoundTrip() {
        JID unicodeOwner = new JID("jüliet-ромео-\u6771\u4eac", domain, null);
        String key = "private:{urn:例え:\uD83C\uDF39}données";
        String document = "<note xmlns='urn:x'>Ça va? \u6771\u4eac \uD83C\uDF39\uD83D\uDE00 ромео &amp; ジュリエット</note>";
        try {
            store().put(unicodeOwner, key, document);

            assertEquals(Optional.of(document), store().get(unicodeOwner, key));
            assertEquals(Optional.empty(), store().get(romeo, key));
        } finally {
            store().deleteAll(unicodeOwner);
        }
    }

    @Test
    void longestKeyWorksAndLongerOnesAreRefused() {
        String longest = "k".repeat(255);
        String longestMultiByte = "\u6771".repeat(255);
        store().put(romeo, longest, "ascii");
        store().put(romeo, longestMultiByte, "three bytes a character");

        assertEquals(Optional.of("ascii"), store().get(romeo, longest));
        assertEquals(Optional.of("three bytes a character"), store().get(romeo, longestMultiByte));
        assertThrows(IllegalArgumentException.class, () -> store().put(romeo, "k".repeat(256), "too long"));
    }

    @Test
    void oneMebibyteDocumentsRoundTrip() {
        String ascii = "a".repeat(ONE_MIB);
        // Up to four UTF-8 bytes a character: several MiB on disk for one MiB of characters.
        String wide = "é\u6771\uD83C\uDF39x".repeat(ONE_MIB / 5) + "abcd".substring(0, ONE_MIB % 5);
        assertEquals(ONE_MIB, wide.length());

        store().put(romeo, "ascii", ascii);
        store().put(romeo, "wide", wide);

        assertEquals(Optional.of(ascii), store().get(romeo, "ascii"));
        assertEquals(Optional.of(wide), store().get(romeo, "wide"));
    }

    @Test
    void concurrentPutsOfANewKeyAllSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "contested" + round;
            List<String> documents = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                documents.add("version " + i);
            }

            race(documents.stream().<Runnable>map(d -> () -> store().put(romeo, key, d)).toList());

            String stored = store().get(romeo, key).orElseThrow();
            assertTrue(documents.contains(stored), stored);
        }
    }

    /** Runs the tasks at the same moment, each on its own thread; fails if any fails. */
    private static void race(List<Runnable> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
