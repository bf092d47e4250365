package im.parley.core.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A list of registrations kept sorted by priority (then registration order), safe to read while
 * modules start and stop. Reads are far more frequent than writes.
 */
final class Ordered<T> {
    private record Entry<T>(int priority, long seq, String owner, T value) {
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private volatile List<Entry<T>> entries = List.of();

    /** Adds a value; the returned runnable removes it. */
    synchronized Runnable add(int priority, String owner, T value) {
        Entry<T> entry = new Entry<>(priority, SEQUENCE.incrementAndGet(), owner, value);
        List<Entry<T>> next = new ArrayList<>(entries);
        next.add(entry);
        next.sort(Comparator.<Entry<T>>comparingInt(Entry::priority).thenComparingLong(Entry::seq));
        entries = List.copyOf(next);
        return () -> remove(entry);
    }

    private synchronized void remove(Entry<T> entry) {
        List<Entry<T>> next = new ArrayList<>(entries);
        next.remove(entry);
        entries = List.copyOf(next);
    }

    /** The values in order, with their owners. */
    List<Owned<T>> snapshot() {
        List<Entry<T>> current = entries;
        List<Owned<T>> result = new ArrayList<>(current.size());
        for (Entry<T> e : current) {
            result.add(new Owned<>(e.owner(), e.value()));
        }
        return result;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A registered value and the module that registered it. */
    record Owned<T>(String owner, T value) {
    }
}
