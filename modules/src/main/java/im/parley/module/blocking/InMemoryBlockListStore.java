package im.parley.module.blocking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** Block lists in memory, for servers without persistent storage and as the reference in contract tests. */
public final class InMemoryBlockListStore implements BlockListStore {
    /** Immutable sets by bare owner JID, replaced whole so that readers never see a list being changed. */
    private final Map<String, Set<JID>> lists = new ConcurrentHashMap<>();

    @Override
    public Set<JID> blocked(JID owner) {
        return lists.getOrDefault(owner.toBareJID(), Set.of());
    }

    @Override
    public void block(JID owner, Collection<JID> jids) {
        lists.compute(owner.toBareJID(), (key, old) -> {
            Set<JID> updated = old == null ? new HashSet<>() : new HashSet<>(old);
            updated.addAll(jids);
            return updated.isEmpty() ? null : Set.copyOf(updated);
        });
    }

    @Override
    public void unblock(JID owner, Collection<JID> jids) {
        lists.computeIfPresent(owner.toBareJID(), (key, old) -> {
            Set<JID> updated = new HashSet<>(old);
            updated.removeAll(jids);
            return updated.isEmpty() ? null : Set.copyOf(updated);
        });
    }

    @Override
    public void clear(JID owner) {
        lists.remove(owner.toBareJID());
    }
}
