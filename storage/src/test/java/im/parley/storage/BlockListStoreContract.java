package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.module.blocking.BlockListStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * What every {@link BlockListStore} must do, run against each backend by a subclass. Each test
 * uses owners in a domain of its own, so tests can share a database with other data in it.
 */
abstract class BlockListStoreContract {
    private final String domain = "d" + UUID.randomUUID().toString().replace("-", "") + ".test";
    private final JID romeo = new JID("romeo", domain, null);
    private final JID juliet = new JID("juliet", domain, null);
    private final String longDomain = longDomain();
    /** The longest bare JID: a 1023-byte local part at a 1023-byte domain. */
    private final JID longest = new JID("r".repeat(1023), longDomain, null);

    /** The store under test; may be shared by all tests of the class. */
    protected abstract BlockListStore store();

    /** Deletes what the test made, so that a database kept between runs does not grow. */
    @AfterEach
    void clearTestLists() {
        for (JID owner : List.of(romeo, juliet, longest)) {
            store().clear(owner);
        }
    }

    @Test
    void accountWithoutAListBlocksNothing() {
        assertEquals(Set.of(), store().blocked(romeo));
    }

    @Test
    void everyKindOfAddressRoundTrips() {
        Set<JID> kinds = Set.of(new JID("tybalt@capulet.example"), new JID("tybalt@capulet.example/sword"),
                new JID("capulet.example"), new JID("capulet.example/gate"), new JID("jüliet-ромео@東京.example/балкон"));
        store().block(romeo, kinds);

        assertEquals(kinds, store().blocked(romeo));
    }

    @Test
    void blockingAgainKeepsOneEntry() {
        store().block(romeo, List.of(new JID("tybalt@capulet.example")));
        store().block(romeo, List.of(new JID("tybalt@capulet.example"), new JID("paris@verona.example")));

        assertEquals(Set.of(new JID("tybalt@capulet.example"), new JID("paris@verona.example")), store().blocked(romeo));
    }

    @Test
    void resourcesThatDifferOnlyInCaseAreDifferentEntries() {
        Set<JID> both = Set.of(new JID("tybalt@capulet.example/Sword"), new JID("tybalt@capulet.example/sword"));
        store().block(romeo, both);

        assertEquals(both, store().blocked(romeo));
    }

    @Test
    void listsArePerAccountAndAFullJidStandsForItsAccount() {
        store().block(new JID("romeo", domain, "phone"), List.of(new JID("tybalt@capulet.example")));
        store().block(juliet, List.of(new JID("paris@verona.example")));

        assertEquals(Set.of(new JID("tybalt@capulet.example")), store().blocked(romeo));
        assertEquals(Set.of(new JID("tybalt@capulet.example")), store().blocked(new JID("romeo", domain, "laptop")));
        assertEquals(Set.of(new JID("paris@verona.example")), store().blocked(juliet));
    }

    @Test
    void unblockRemovesOnlyTheNamedAddressesAndIgnoresOthers() {
        store().block(romeo, List.of(new JID("tybalt@capulet.example"), new JID("capulet.example"),
                new JID("paris@verona.example")));
        store().block(juliet, List.of(new JID("tybalt@capulet.example")));

        store().unblock(romeo, List.of(new JID("tybalt@capulet.example"), new JID("capulet.example"),
                new JID("never@blocked.example")));

        assertEquals(Set.of(new JID("paris@verona.example")), store().blocked(romeo));
        assertEquals(Set.of(new JID("tybalt@capulet.example")), store().blocked(juliet));
    }

    @Test
    void clearEmptiesOneAccountsListOnly() {
        store().block(romeo, List.of(new JID("tybalt@capulet.example")));
        store().block(juliet, List.of(new JID("tybalt@capulet.example")));

        store().clear(romeo);

        assertEquals(Set.of(), store().blocked(romeo));
        assertEquals(Set.of(new JID("tybalt@capulet.example")), store().blocked(juliet));
    }

    @Test
    void longestOwnerAndLongestAddressRoundTrip() {
        JID longestAddress = new JID("t".repeat(1023), longDomain, "s".repeat(1023));
        assertEquals(3071, longestAddress.toString().length());
        store().block(longest, List.of(longestAddress));

        assertEquals(Set.of(longestAddress), store().blocked(longest));
        store().unblock(longest, List.of(longestAddress));
        assertEquals(Set.of(), store().blocked(longest));
    }

    @Test
    void concurrentBlocksOfTheSameAddressesLeaveOneEntryEach() throws Exception {
        List<JID> addresses = List.of(new JID("tybalt@capulet.example"), new JID("paris@verona.example"));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Void> block = () -> {
                    start.await();
                    store().block(romeo, addresses);
                    return null;
                };
                results.add(pool.submit(block));
            }
            start.countDown();
            for (Future<Void> result : results) {
                result.get(30, TimeUnit.SECONDS); // none fails
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(Set.copyOf(addresses), store().blocked(romeo));
    }

    /** A 1023-byte domain (RFC 7622 §3.2): sixteen 63-byte labels, the first one unique to the test. */
    private static String longDomain() {
        StringBuilder domain = new StringBuilder(UUID.randomUUID().toString().replace("-", "")).append("x".repeat(31));
        for (int i = 1; i < 16; i++) {
            domain.append('.').append(Character.toString('a' + i).repeat(63));
        }
        return domain.toString();
    }
}
