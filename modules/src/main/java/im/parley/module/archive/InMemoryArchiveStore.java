package im.parley.module.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Message archives in memory, for tests and servers without persistent storage. */
public final class InMemoryArchiveStore implements ArchiveStore {
    /**
     * Guarded by itself. One lock for every archive makes a batch appear at once, like the database's
     * transaction, and keeps an append from adding to a list that deleteArchive has just taken out of
     * the map (where the message would be lost although append returned). Archives are only added by
     * appends, so reading archives that do not exist leaves nothing behind.
     */
    private final Map<String, List<Archived>> archives = new HashMap<>();

    @Override
    public void append(List<Archived> messages) {
        for (Archived m : messages) {
            // What the database stores cannot be longer, so neither can what this store accepts.
            if (m.id().length() > Archived.MAX_ID_LENGTH) {
                throw new IllegalArgumentException("archive ids have at most " + Archived.MAX_ID_LENGTH
                        + " characters, got " + m.id().length());
            }
        }
        synchronized (archives) {
            for (Archived m : messages) {
                List<Archived> list = archives.computeIfAbsent(m.archive(), a -> new ArrayList<>());
                if (list.stream().noneMatch(a -> a.id().equals(m.id()))) {
                    list.add(m);
                }
            }
        }
    }

    /** A copy of the archive's messages in archive order; empty for an archive that has none. */
    private List<Archived> snapshot(String archive) {
        synchronized (archives) {
            List<Archived> list = archives.get(archive);
            return list == null ? List.of() : List.copyOf(list);
        }
    }

    @Override
    public Optional<Page> query(Query q) {
        List<Archived> all = snapshot(q.archive());
        if (q.ids() != null) {
            Set<String> wanted = new HashSet<>(q.ids());
            List<Archived> found = all.stream().filter(a -> wanted.contains(a.id()) && matchesWith(q, a)).toList();
            return Optional.of(new Page(found.subList(0, Math.min(q.max(), found.size())), found.size() <= q.max()));
        }
        int from = 0;
        int to = all.size();
        if (q.afterId() != null) {
            int at = indexOf(all, q.afterId());
            if (at < 0) {
                return Optional.empty();
            }
            from = at + 1;
        }
        if (q.beforeId() != null) {
            int at = indexOf(all, q.beforeId());
            if (at < 0) {
                return Optional.empty();
            }
            to = at;
        }
        Predicate<Archived> matches = a -> matchesWith(q, a)
                && (q.start() == null || !a.stamp().isBefore(q.start()))
                && (q.end() == null || !a.stamp().isAfter(q.end()));
        List<Archived> range = all.subList(from, to).stream().filter(matches).toList();
        if (range.size() <= q.max()) {
            return Optional.of(new Page(range, true));
        }
        return Optional.of(q.last()
                ? new Page(range.subList(range.size() - q.max(), range.size()), false)
                : new Page(range.subList(0, q.max()), false));
    }

    private static boolean matchesWith(Query q, Archived a) {
        return q.with() == null || q.with().equals(a.with());
    }

    private static int indexOf(List<Archived> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Optional<Archived> first(String archive) {
        synchronized (archives) {
            List<Archived> list = archives.get(archive);
            return list == null ? Optional.empty() : Optional.of(list.get(0));
        }
    }

    @Override
    public Optional<Archived> last(String archive) {
        synchronized (archives) {
            List<Archived> list = archives.get(archive);
            return list == null ? Optional.empty() : Optional.of(list.get(list.size() - 1));
        }
    }

    @Override
    public int deleteOlderThan(String archive, Instant cutoff) {
        synchronized (archives) {
            List<Archived> list = archives.get(archive);
            if (list == null) {
                return 0;
            }
            int before = list.size();
            list.removeIf(a -> a.stamp().isBefore(cutoff));
            if (list.isEmpty()) {
                // No empty lists in the map: first() and last() rely on it.
                archives.remove(archive);
            }
            return before - list.size();
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        synchronized (archives) {
            int deleted = 0;
            for (Iterator<List<Archived>> it = archives.values().iterator(); it.hasNext(); ) {
                List<Archived> list = it.next();
                int before = list.size();
                list.removeIf(a -> a.stamp().isBefore(cutoff));
                deleted += before - list.size();
                if (list.isEmpty()) {
                    it.remove();
                }
            }
            return deleted;
        }
    }

    @Override
    public boolean replace(String archive, String id, String stanza) {
        java.util.Objects.requireNonNull(stanza, "stanza");
        synchronized (archives) {
            List<Archived> list = archives.get(archive);
            if (list == null) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                Archived m = list.get(i);
                if (m.id().equals(id)) {
                    list.set(i, new Archived(m.archive(), m.id(), m.stamp(), m.with(), stanza));
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public int deleteArchive(String archive) {
        synchronized (archives) {
            List<Archived> removed = archives.remove(archive);
            return removed == null ? 0 : removed.size();
        }
    }
}
