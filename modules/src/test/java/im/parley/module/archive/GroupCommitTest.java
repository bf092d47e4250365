package im.parley.module.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Group commit of archive appends: handlers archiving at once share transactions, every entry
 * is stored once and in each handler's order, and a bad entry fails only its own handler.
 */
class GroupCommitTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static ArchiveStore.Archived entry(String archive, String id) {
        return new ArchiveStore.Archived(archive, id, T, "peer@example.test", "<message><body>" + id + "</body></message>");
    }

    @Test
    void concurrentHandlersStoreEverythingOnceAndInTheirOrder() throws Exception {
        InMemoryArchiveStore store = new InMemoryArchiveStore();
        GroupCommit<ArchiveStore.Archived> writer = new GroupCommit<>(store::append);
        int threads = 16;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String archive = "user" + t + "@example.test";
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    writer.write(List.of(entry(archive, "a" + i), entry("shared@example.test", archive + "-" + i)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int t = 0; t < threads; t++) {
            List<String> ids = store.query(ArchiveStore.Query.first("user" + t + "@example.test", null, 1000)).orElseThrow()
                    .messages().stream().map(ArchiveStore.Archived::id).toList();
            assertEquals(perThread, ids.size());
            for (int i = 0; i < perThread; i++) {
                assertEquals("a" + i, ids.get(i), "each handler's entries in its order");
            }
        }
        assertEquals(threads * perThread, store.query(ArchiveStore.Query.first("shared@example.test", null, 10_000))
                .orElseThrow().messages().size(), "the shared archive has every entry once");
    }

    @Test
    void aBadEntryFailsOnlyItsOwnHandler() throws Exception {
        InMemoryArchiveStore store = new InMemoryArchiveStore();
        GroupCommit<ArchiveStore.Archived> writer = new GroupCommit<>(store::append);
        String tooLong = "x".repeat(ArchiveStore.Archived.MAX_ID_LENGTH + 1);
        int good = 8;
        ExecutorService pool = Executors.newFixedThreadPool(good + 1);
        CountDownLatch ready = new CountDownLatch(good + 1);
        List<Future<?>> fine = new ArrayList<>();
        for (int t = 0; t < good; t++) {
            String archive = "fine" + t + "@example.test";
            fine.add(pool.submit(() -> {
                ready.countDown();
                ready.await();
                for (int i = 0; i < 50; i++) {
                    writer.write(List.of(entry(archive, "ok" + i)));
                }
                return null;
            }));
        }
        Future<?> bad = pool.submit(() -> {
            ready.countDown();
            ready.await();
            for (int i = 0; i < 50; i++) {
                String id = i == 25 ? tooLong : "b" + i;
                try {
                    writer.write(List.of(entry("bad@example.test", id)));
                } catch (RuntimeException e) {
                    if (i != 25) {
                        throw e;
                    }
                }
            }
            writer.write(List.of(entry("bad@example.test", tooLong)));
            return null;
        });
        for (Future<?> f : fine) {
            f.get(60, TimeUnit.SECONDS);
        }
        Exception failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> bad.get(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(IllegalArgumentException.class, failure.getCause().getClass(), "the bad entry's own error reaches it");
        for (int t = 0; t < good; t++) {
            assertEquals(50, store.query(ArchiveStore.Query.first("fine" + t + "@example.test", null, 100)).orElseThrow()
                    .messages().size(), "the other handlers' entries are all stored");
        }
        assertEquals(49, store.query(ArchiveStore.Query.first("bad@example.test", null, 100)).orElseThrow().messages().size());
    }
}
