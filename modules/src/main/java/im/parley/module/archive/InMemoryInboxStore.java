package im.parley.module.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Inboxes in memory, for tests and servers without persistent storage. */
public final class InMemoryInboxStore implements InboxStore {
    /**
     * Newest first; the partner breaks ties so that the order is total. Partners compare by code
     * point, as the databases compare their UTF-8 bytes, not by UTF-16 unit as String does (which
     * puts characters beyond U+FFFF before U+E000..U+FFFF).
     */
    static final Comparator<Conversation> NEWEST_FIRST = Comparator.comparing(Conversation::lastStamp).reversed()
            .thenComparing(Conversation::with, InMemoryInboxStore::byCodePoint);

    private final Map<String, Map<String, Conversation>> inboxes = new ConcurrentHashMap<>();

    private Map<String, Conversation> of(String owner) {
        return inboxes.computeIfAbsent(owner, o -> new ConcurrentHashMap<>());
    }

    @Override
    public void record(List<Update> updates) {
        for (Update u : updates) {
            of(u.owner()).compute(u.with(), (with, old) -> updated(old, u));
        }
    }

    /**
     * The conversation after an update. A message older than the last one (committed late by
     * another node, or retried) does not replace it; if incoming it is still unread, and if the
     * owner's own it does not mark read what came after it.
     */
    private static Conversation updated(Conversation old, Update u) {
        if (old == null) {
            return new Conversation(u.owner(), u.with(), u.id(), u.stamp(), u.stanza(), u.incoming() ? 1 : 0);
        }
        boolean stale = u.stamp().isBefore(old.lastStamp());
        int unread = u.incoming() ? old.unread() + 1 : stale ? old.unread() : 0;
        return stale
                ? new Conversation(old.owner(), old.with(), old.lastId(), old.lastStamp(), old.lastStanza(), unread)
                : new Conversation(u.owner(), u.with(), u.id(), u.stamp(), u.stanza(), unread);
    }

    /** Compares two strings by code point, which is how UTF-8 bytes compare. */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    @Override
    public void markRead(String owner, String with) {
        of(owner).computeIfPresent(with, (w, c) -> new Conversation(c.owner(), w, c.lastId(), c.lastStamp(), c.lastStanza(), 0));
    }

    @Override
    public Optional<Page> list(String owner, String after, int max, boolean unreadOnly) {
        List<Conversation> all = new ArrayList<>(of(owner).values());
        all.sort(NEWEST_FIRST);
        int from = 0;
        if (after != null) {
            Conversation last = of(owner).get(after);
            if (last == null) {
                return Optional.empty();
            }
            from = all.indexOf(last) + 1;
        }
        List<Conversation> rest = all.subList(from, all.size()).stream().filter(c -> !unreadOnly || c.unread() > 0).toList();
        return Optional.of(new Page(rest.subList(0, Math.min(max, rest.size())), rest.size() <= max));
    }

    @Override
    public Totals totals(String owner) {
        List<Conversation> all = List.copyOf(of(owner).values());
        return new Totals(all.size(), (int) all.stream().filter(c -> c.unread() > 0).count(),
                all.stream().mapToInt(Conversation::unread).sum());
    }

    @Override
    public void deleteInbox(String owner) {
        inboxes.remove(owner);
    }
}
