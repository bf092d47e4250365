package im.parley.module.mam;

import im.parley.module.archive.ArchiveStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for archive appends. Each message's archiving must be durable before its handler
 * goes on (acknowledge after durable), but a transaction per message costs a log flush per
 * message. Handlers that archive at the same time share one transaction instead: the first
 * becomes the writer and commits everything queued so far; those arriving meanwhile queue, and
 * when the write ends one of them becomes the next writer for all that queued. No thread of its
 * own: the handlers' threads take turns. A batch that fails is retried message by message, so one
 * bad message fails alone.
 */
final class ArchiveWriter {
    private final ArchiveStore store;
    private final Object lock = new Object();
    private List<Pending> queue = new ArrayList<>();
    private boolean writing;

    /** One handler's entries and their fate: written, failed, or this handler's turn to write. */
    private static final class Pending {
        final List<ArchiveStore.Archived> entries;
        private boolean promoted;
        private boolean done;
        private RuntimeException failure;

        Pending(List<ArchiveStore.Archived> entries) {
            this.entries = entries;
        }

        synchronized void promote() {
            promoted = true;
            notifyAll();
        }

        synchronized void finish(RuntimeException failed) {
            done = true;
            failure = failed;
            notifyAll();
        }

        /** Waits until written by another or promoted; returns true when promoted (and not yet written). */
        synchronized boolean awaitTurn() {
            boolean interrupted = false;
            while (!promoted && !done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the entries are queued: wait for their fate regardless
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return !done;
        }

        synchronized void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    ArchiveWriter(ArchiveStore store) {
        this.store = store;
    }

    /** Appends durably: returns once the entries are committed, possibly with others'. */
    void append(List<ArchiveStore.Archived> entries) {
        Pending mine = new Pending(entries);
        boolean lead;
        synchronized (lock) {
            queue.add(mine);
            lead = !writing;
            writing = true;
        }
        if (lead || mine.awaitTurn()) {
            List<Pending> batch;
            synchronized (lock) {
                batch = queue; // holds this handler's entries: only the writer takes the queue
                queue = new ArrayList<>();
            }
            try {
                write(batch);
            } finally {
                synchronized (lock) {
                    if (queue.isEmpty()) {
                        writing = false;
                    } else {
                        queue.get(0).promote(); // the next writer takes what queued meanwhile
                    }
                }
            }
        }
        mine.rethrow();
    }

    private void write(List<Pending> batch) {
        List<ArchiveStore.Archived> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.entries));
        try {
            store.append(all);
            batch.forEach(p -> p.finish(null));
        } catch (RuntimeException batchFailed) {
            for (Pending p : batch) {
                try {
                    store.append(p.entries);
                    p.finish(null);
                } catch (RuntimeException e) {
                    p.finish(e);
                }
            }
        }
    }
}
