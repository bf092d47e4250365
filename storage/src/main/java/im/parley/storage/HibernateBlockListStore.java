package im.parley.storage;

import im.parley.module.blocking.BlockListStore;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/** Block lists in the database, in the {@code block_list_items} table. */
final class HibernateBlockListStore implements BlockListStore {
    private static final Logger LOG = LoggerFactory.getLogger(HibernateBlockListStore.class);
    /** Tries of a block before a conflict with concurrent blocks of the same list is given up on. */
    private static final int ATTEMPTS = 5;

    private final SessionFactory sessions;

    HibernateBlockListStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Set<JID> blocked(JID owner) {
        List<String> rows = sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return blockedOf(s, owner);
        });
        // The column holds JIDs that were prepped when they were blocked.
        return rows.stream().map(JID::new).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void block(JID owner, Collection<JID> jids) {
        if (jids.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                insertMissing(owner, jids);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !WriteConflicts.isConflict(e)) {
                    throw e;
                }
                // A concurrent block of the same list committed a row we were about to insert, or
                // InnoDB chose this transaction as a deadlock victim between two such inserts; the
                // next pass reads the list again and inserts only what is still missing.
                LOG.debug("Concurrent block for {} (attempt {}); retrying", owner.toBareJID(), attempt);
            }
        }
    }

    @Override
    public void unblock(JID owner, Collection<JID> jids) {
        if (jids.isEmpty()) {
            return;
        }
        List<String> blocked = jids.stream().map(JID::toString).distinct().toList();
        sessions.inTransaction(s -> s.createMutationQuery(
                        "delete from BlockListItem i where i.owner = :owner and i.blocked in (:blocked)")
                .setParameter("owner", owner.toBareJID())
                .setParameterList("blocked", blocked)
                .executeUpdate());
    }

    @Override
    public void clear(JID owner) {
        sessions.inTransaction(s -> s.createMutationQuery("delete from BlockListItem i where i.owner = :owner")
                .setParameter("owner", owner.toBareJID())
                .executeUpdate());
    }

    private void insertMissing(JID owner, Collection<JID> jids) {
        sessions.inTransaction(s -> {
            Set<String> present = new HashSet<>(blockedOf(s, owner));
            Set<String> wanted = new LinkedHashSet<>();
            jids.forEach(jid -> wanted.add(jid.toString()));
            wanted.removeAll(present);
            wanted.forEach(jid -> s.persist(new BlockListItemEntity(owner.toBareJID(), jid)));
        });
    }

    private static List<String> blockedOf(org.hibernate.Session s, JID owner) {
        return s.createSelectionQuery("select i.blocked from BlockListItem i where i.owner = :owner", String.class)
                .setParameter("owner", owner.toBareJID())
                .getResultList();
    }
}
