package im.parley.module.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Inboxes in memory, for tests and servers without persistent storage. */
public final class InMemoryInboxStore implements InboxStore {
    /** Newest first; the partner breaks ties so that the order is total. */
    static final Comparator<Conversation> NEWEST_FIRST = Comparator.comparing(Conversation::lastStamp).reversed()
            .thenComparing(Conversation::with);

    private final Map<String, Map<String, Conversation>> inboxes = new ConcurrentHashMap<>();

    private Map<String, Conversation> of(String owner) {
        return inboxes.computeIfAbsent(owner, o -> new ConcurrentHashMap<>());
    }

    @Override
    public void record(List<Update> updates) {
        for (Update u : updates) {
            of(u.owner()).compute(u.with(), (with, old) -> new Conversation(u.owner(), with, u.id(), u.stamp(), u.stanza(),
                    !u.incoming() ? 0 : (old == null ? 0 : old.unread()) + 1));
        }
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
