package im.parley.module.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for writes that must be durable before their handler goes on (a message's
 * archiving before it is acknowledged, the inbox kept in step with it). A transaction per message
 * costs a log flush per message; handlers that write at the same time share one transaction
 * instead: the first
 * becomes the writer and commits everything queued so far; those arriving meanwhile queue, and
 * when the write ends one of them becomes the next writer for all that queued. No thread of its
 * own: the handlers' threads take turns. A batch that fails is retried message by message, so one
 * bad message fails alone.
 */
public final class GroupCommit<T> {
    private final java.util.function.Consumer<List<T>> store;
    private final Object lock = new Object();
    private List<Pending<T>> queue = new ArrayList<>();
    private boolean writing;

    /** One handler's entries and their fate: written, failed, or this handler's turn to write. */
    private static final class Pending<T> {
        final List<T> entries;
        private boolean promoted;
        private boolean done;
        private RuntimeException failure;

        Pending(List<T> entries) {
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

    /** @param store writes a list in one transaction, or throws and writes none of it */
    public GroupCommit(java.util.function.Consumer<List<T>> store) {
        this.store = store;
    }

    /** Writes durably: returns once the entries are committed, possibly with others'. */
    public void write(List<T> entries) {
        Pending<T> mine = new Pending<>(entries);
        boolean lead;
        synchronized (lock) {
            queue.add(mine);
            lead = !writing;
            writing = true;
        }
        if (lead || mine.awaitTurn()) {
            List<Pending<T>> batch;
            synchronized (lock) {
                batch = queue; // holds this handler's entries: only the writer takes the queue
                queue = new ArrayList<>();
            }
            try {
                commit(batch);
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

    private void commit(List<Pending<T>> batch) {
        List<T> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.entries));
        try {
            store.accept(all);
            batch.forEach(p -> p.finish(null));
        } catch (RuntimeException batchFailed) {
            for (Pending<T> p : batch) {
                try {
                    store.accept(p.entries);
                    p.finish(null);
                } catch (RuntimeException e) {
                    p.finish(e);
                }
            }
        }
    }
}
