package im.parley.module.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Message archives in memory, for tests and servers without persistent storage. */
public final class InMemoryArchiveStore implements ArchiveStore {
    private final Map<String, List<Archived>> archives = new ConcurrentHashMap<>();

    private List<Archived> of(String archive) {
        return archives.computeIfAbsent(archive, a -> new ArrayList<>());
    }

    @Override
    public void append(List<Archived> messages) {
        for (Archived m : messages) {
            List<Archived> list = of(m.archive());
            synchronized (list) {
                if (list.stream().noneMatch(a -> a.id().equals(m.id()))) {
                    list.add(m);
                }
            }
        }
    }

    @Override
    public Optional<Page> query(Query q) {
        List<Archived> list = of(q.archive());
        List<Archived> all;
        synchronized (list) {
            all = List.copyOf(list);
        }
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
        List<Archived> list = of(archive);
        synchronized (list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
        }
    }

    @Override
    public Optional<Archived> last(String archive) {
        List<Archived> list = of(archive);
        synchronized (list) {
            return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
        }
    }

    @Override
    public int deleteOlderThan(String archive, Instant cutoff) {
        List<Archived> list = of(archive);
        synchronized (list) {
            int before = list.size();
            list.removeIf(a -> a.stamp().isBefore(cutoff));
            return before - list.size();
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        int deleted = 0;
        for (String archive : archives.keySet()) {
            deleted += deleteOlderThan(archive, cutoff);
        }
        return deleted;
    }

    @Override
    public int deleteArchive(String archive) {
        List<Archived> removed = archives.remove(archive);
        return removed == null ? 0 : removed.size();
    }
}
