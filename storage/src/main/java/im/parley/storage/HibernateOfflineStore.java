package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.xmpp.packet.JID;

/**
 * Offline messages in the database, in the {@code offline_messages} table, with a lock row per
 * account in {@code offline_owners}.
 *
 * <p>{@link #add} counts the owner's messages and inserts one only while holding the write lock on
 * the owner's {@code offline_owners} row (see {@link OwnerLock}), so concurrent senders on any
 * cluster node never take the owner past the limit. The lock row holds no count: the count comes
 * from the {@code (owner, id)} index, at most {@code limit} entries, so removing and expiring
 * messages need neither the lock nor any bookkeeping, and nothing can drift. Locking the messages
 * themselves would not do: an owner with none has no row to lock, and the gap locks InnoDB would take
 * instead make two concurrent first messages deadlock (H2 takes no gap locks at all).
 */
final class HibernateOfflineStore implements OfflineStore {
    /** Ids per delete statement: keeps statements and, when expiring, transactions small. */
    private static final int CHUNK = 500;

    private final SessionFactory sessions;
    private final OwnerLock<OfflineOwnerEntity> owners;

    HibernateOfflineStore(SessionFactory sessions) {
        this.sessions = sessions;
        this.owners = new OwnerLock<>(sessions, OfflineOwnerEntity.class, "OfflineOwner", OfflineOwnerEntity::new);
    }

    @Override
    public boolean add(JID owner, Instant stored, String stanza, int limit) {
        if (limit <= 0) {
            return false;
        }
        String key = owner.toBareJID();
        return owners.write(key, (s, row) -> {
            if (count(s, key) >= limit) {
                return false;
            }
            s.persist(new OfflineMessageEntity(key, stored, stanza));
            return true;
        });
    }

    @Override
    public List<Stored> list(JID owner, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        if (max == 0) {
            return List.of();
        }
        // Served by the (owner, id) index: no sort, only the requested rows are read.
        return read(s -> s.createSelectionQuery("from OfflineMessage m where m.owner = :owner order by m.id",
                        OfflineMessageEntity.class)
                .setParameter("owner", owner.toBareJID())
                .setMaxResults(max)
                .getResultList().stream()
                .map(OfflineMessageEntity::toStored)
                .toList());
    }

    @Override
    public void remove(JID owner, List<Long> ids) {
        String key = owner.toBareJID();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            // The owner condition keeps one account from deleting another's messages by id.
            sessions.inTransaction(s -> s.createMutationQuery(
                            "delete from OfflineMessage m where m.owner = :owner and m.id in :ids")
                    .setParameter("owner", key)
                    .setParameterList("ids", chunk)
                    .executeUpdate());
        }
    }

    @Override
    public int count(JID owner) {
        return read(s -> count(s, owner.toBareJID())).intValue();
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        // Cut like the stored instants: never deletes a message the in-memory store would keep.
        Instant before = OfflineMessageEntity.micros(cutoff);
        int deleted = 0;
        List<Long> ids;
        // In chunks found through the index on stored: a purge of millions of rows neither holds
        // locks nor grows the undo log for the whole run, and senders are not held up.
        do {
            ids = read(s -> s.createSelectionQuery("select m.id from OfflineMessage m where m.stored < :cutoff",
                            Long.class)
                    .setParameter("cutoff", before)
                    .setMaxResults(CHUNK)
                    .getResultList());
            if (!ids.isEmpty()) {
                List<Long> chunk = ids;
                deleted += sessions.fromTransaction(s -> s.createMutationQuery(
                                "delete from OfflineMessage m where m.id in :ids")
                        .setParameterList("ids", chunk)
                        .executeUpdate());
            }
        } while (ids.size() == CHUNK);
        return deleted;
    }

    @Override
    public void deleteAll(JID owner) {
        String key = owner.toBareJID();
        sessions.inTransaction(s -> {
            // The lock row first: an add in progress holds it, so this waits for that add and then
            // deletes its message too.
            s.createMutationQuery("delete from OfflineOwner o where o.owner = :owner")
                    .setParameter("owner", key)
                    .executeUpdate();
            s.createMutationQuery("delete from OfflineMessage m where m.owner = :owner")
                    .setParameter("owner", key)
                    .executeUpdate();
        });
    }

    private static long count(Session s, String owner) {
        return s.createSelectionQuery("select count(*) from OfflineMessage m where m.owner = :owner", Long.class)
                .setParameter("owner", owner)
                .getSingleResult();
    }

    /** Runs one query in a read-only session: Hibernate keeps no snapshots of the loaded rows. */
    private <R> R read(Function<Session, R> query) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return query.apply(s);
        });
    }
}
