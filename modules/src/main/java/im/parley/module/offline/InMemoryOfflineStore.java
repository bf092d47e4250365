package im.parley.module.offline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.xmpp.packet.JID;

/** Offline messages in memory, for tests and servers without persistent storage. */
public final class InMemoryOfflineStore implements OfflineStore {
    private final Map<String, List<Stored>> messages = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private List<Stored> of(JID owner) {
        return messages.computeIfAbsent(owner.toBareJID(), o -> new ArrayList<>());
    }

    @Override
    public boolean add(JID owner, Instant stored, String stanza, int limit) {
        List<Stored> list = of(owner);
        synchronized (list) {
            if (list.size() >= limit) {
                return false;
            }
            list.add(new Stored(ids.incrementAndGet(), stored, stanza));
            return true;
        }
    }

    @Override
    public List<Stored> list(JID owner, int max) {
        List<Stored> list = of(owner);
        synchronized (list) {
            return List.copyOf(list.subList(0, Math.min(max, list.size())));
        }
    }

    @Override
    public void remove(JID owner, List<Long> ids) {
        List<Stored> list = of(owner);
        synchronized (list) {
            HashSet<Long> gone = new HashSet<>(ids);
            list.removeIf(m -> gone.contains(m.id()));
        }
    }

    @Override
    public int count(JID owner) {
        List<Stored> list = of(owner);
        synchronized (list) {
            return list.size();
        }
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        int n = 0;
        for (List<Stored> list : messages.values()) {
            synchronized (list) {
                int before = list.size();
                list.removeIf(m -> m.stored().isBefore(cutoff));
                n += before - list.size();
            }
        }
        return n;
    }

    @Override
    public void deleteAll(JID owner) {
        messages.remove(owner.toBareJID());
    }
}
