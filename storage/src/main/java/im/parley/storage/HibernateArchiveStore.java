package im.parley.storage;

import im.parley.module.archive.ArchiveStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;

/**
 * Message archives in the database, in the {@code archive_messages} table, with a lock row per
 * archive in {@code archive_owners}.
 *
 * <p>The archive order is the {@code seq} column. Every read is an index seek and then at most
 * {@code max + 1} rows in {@code seq} order (the extra row tells whether the page is complete):
 * ids become seq bounds through the unique {@code (archive, stanza_id)} index, start and end through
 * one seek each in {@code (archive, stamp)}, and the page comes from {@code (archive, seq)} or, for one
 * conversation, {@code (archive, with_hash, seq)}.
 *
 * <p>{@link #append} holds the write locks on the {@code archive_owners} rows of its archives (see
 * {@link OwnerLock#writeAll}) from before its first insert until it commits. An auto-increment
 * value is taken at insert, not at commit: without the lock, an append could take seq 10, another
 * take 11 and commit first, and a client that had paged up to 11 would never see 10. Under the lock
 * the appends to one archive commit in seq order, and the check for ids already stored sees every
 * earlier append to the archive, so concurrent appends of the same ids (two cluster nodes, or a
 * retry racing the original) cannot both insert them and no unique-key violation throws away a
 * batch. Appends to different archives never wait for each other.
 */
final class HibernateArchiveStore implements ArchiveStore {
    /** Rows per insert, lookup or delete statement: keeps statements and, when purging, transactions small. */
    private static final int CHUNK = 500;
    /**
     * How far a stamp may lag behind the stamps of messages archived before it (clock skew between
     * cluster nodes) with start and end queries still giving exactly what the stamps say. Seq
     * bounds for start and end are taken this much further out, so a time query reads the messages
     * of this much time beyond its range, filtered out by their stamps.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private final SessionFactory sessions;
    private final OwnerLock<ArchiveOwnerEntity> owners;

    HibernateArchiveStore(SessionFactory sessions) {
        this.sessions = sessions;
        this.owners = new OwnerLock<>(sessions, ArchiveOwnerEntity.class, "ArchiveOwner", ArchiveOwnerEntity::new);
    }

    @Override
    public void append(List<Archived> messages) {
        List<Archived> batch = ArchiveWrites.firstOfEachId(messages);
        if (batch.isEmpty()) {
            return;
        }
        List<String> archives = batch.stream().map(Archived::archive).toList();
        try {
            // Ids are fresh as a rule (the server makes them): insert straight away, and let the
            // unique (archive, stanza_id) key catch the rare id stored before.
            owners.writeAll(archives, s -> {
                ArchiveWrites.insert(s, batch);
                return null;
            });
        } catch (RuntimeException e) {
            if (!WriteConflicts.isConflict(e)) {
                throw e;
            }
            // Rolled back whole; under the same locks, skip what is there.
            owners.writeAll(archives, s -> {
                for (int from = 0; from < batch.size(); from += CHUNK) {
                    List<Archived> chunk = batch.subList(from, Math.min(batch.size(), from + CHUNK));
                    Set<ArchiveWrites.Key> present = ArchiveWrites.stored(s, chunk);
                    ArchiveWrites.insert(s, chunk.stream().filter(m -> !present.contains(ArchiveWrites.Key.of(m))).toList());
                }
                return null;
            });
        }
    }

    @Override
    public boolean replace(String archive, String id, String stanza) {
        java.util.Objects.requireNonNull(stanza, "stanza");
        return sessions.fromTransaction(s -> s.createMutationQuery(
                        "update ArchiveMessage m set m.stanza = :stanza where m.archive = :archive and m.stanzaId = :id")
                .setParameter("stanza", stanza)
                .setParameter("archive", archive)
                .setParameter("id", id)
                .executeUpdate()) > 0;
    }

    @Override
    public Optional<Page> query(Query q) {
        if (q.ids() != null) {
            return Optional.of(q.ids().isEmpty() ? new Page(List.of(), true) : read(s -> byIds(s, q)));
        }
        return read(s -> {
            // Exclusive seq bounds; null for none.
            Long after = null;
            Long before = null;
            if (q.afterId() != null) {
                Optional<Long> at = seqOf(s, q.archive(), q.afterId());
                if (at.isEmpty()) {
                    return Optional.empty();
                }
                after = at.get();
            }
            if (q.beforeId() != null) {
                Optional<Long> at = seqOf(s, q.archive(), q.beforeId());
                if (at.isEmpty()) {
                    return Optional.empty();
                }
                before = at.get();
            }
            // Stored stamps are whole microseconds: these bounds select the same ones as the instants.
            Instant start = q.start() == null ? null : ceilMicros(q.start());
            Instant end = q.end() == null ? null : OfflineMessageEntity.micros(q.end());
            if (start != null) {
                after = max(after, lastBefore(s, q.archive(), start.minus(CLOCK_SKEW)));
            }
            if (end != null) {
                before = min(before, firstAfter(s, q.archive(), end.plus(CLOCK_SKEW)));
            }
            return Optional.of(page(s, q, after, before, start, end));
        });
    }

    /**
     * The page between the exclusive seq bounds. The stamp conditions stay: the bounds only keep the
     * read short, and within the clock skew allowance stamps and seq may disagree.
     */
    private static Page page(Session s, Query q, Long after, Long before, Instant start, Instant end) {
        StringBuilder hql = new StringBuilder("from ArchiveMessage m where m.archive = :archive");
        if (q.with() != null) {
            hql.append(" and m.withHash = :withHash and m.withJid = :withJid");
        }
        hql.append(after == null ? "" : " and m.seq > :afterSeq");
        hql.append(before == null ? "" : " and m.seq < :beforeSeq");
        hql.append(start == null ? "" : " and m.stamp >= :startStamp");
        hql.append(end == null ? "" : " and m.stamp <= :endStamp");
        hql.append(q.last() ? " order by m.seq desc" : " order by m.seq");
        SelectionQuery<ArchiveMessageEntity> query = s.createSelectionQuery(hql.toString(), ArchiveMessageEntity.class)
                .setParameter("archive", q.archive());
        if (q.with() != null) {
            query.setParameter("withHash", ArchiveMessageEntity.hash(q.with())).setParameter("withJid", q.with());
        }
        setIfPresent(query, "afterSeq", after);
        setIfPresent(query, "beforeSeq", before);
        setIfPresent(query, "startStamp", start);
        setIfPresent(query, "endStamp", end);
        List<Archived> rows = query.setMaxResults(plusOne(q.max())).getResultList().stream()
                .map(ArchiveMessageEntity::toArchived)
                .toList();
        List<Archived> page = new ArrayList<>(rows.subList(0, Math.min(q.max(), rows.size())));
        if (q.last()) {
            // Read newest first from the end; pages are in archive order.
            Collections.reverse(page);
        }
        return new Page(page, rows.size() <= q.max());
    }

    /** Specific messages: ids the archive does not hold are left out, and only {@code with} filters. */
    private static Page byIds(Session s, Query q) {
        String hql = "from ArchiveMessage m where m.archive = :archive and m.stanzaId in :ids"
                + (q.with() == null ? "" : " and m.withHash = :withHash and m.withJid = :withJid")
                + " order by m.seq";
        SelectionQuery<ArchiveMessageEntity> query = s.createSelectionQuery(hql, ArchiveMessageEntity.class)
                .setParameter("archive", q.archive())
                .setParameterList("ids", q.ids().stream().distinct().toList());
        if (q.with() != null) {
            query.setParameter("withHash", ArchiveMessageEntity.hash(q.with())).setParameter("withJid", q.with());
        }
        List<Archived> rows = query.setMaxResults(plusOne(q.max())).getResultList().stream()
                .map(ArchiveMessageEntity::toArchived)
                .toList();
        return new Page(rows.subList(0, Math.min(q.max(), rows.size())), rows.size() <= q.max());
    }

    private static Optional<Long> seqOf(Session s, String archive, String id) {
        return s.createSelectionQuery("select m.seq from ArchiveMessage m where m.archive = :archive and m.stanzaId = :id",
                        Long.class)
                .setParameter("archive", archive)
                .setParameter("id", id)
                .uniqueResultOptional();
    }

    /**
     * The seq of a message stamped before the instant, the newest such in (stamp, seq) order, or null.
     * With stamps at most {@link #CLOCK_SKEW} out of order and the instant that much before the start,
     * every message ahead of it in the archive is stamped before the start.
     */
    private static Long lastBefore(Session s, String archive, Instant instant) {
        // Two MIN/MAX lookups on (archive, stamp) (whose entries end with seq), each one seek whatever
        // the optimizer thinks of the ranges: "order by stamp desc limit 1" may be read backwards
        // through the global stamp index instead, a scan when the archive has nothing that old.
        return s.createSelectionQuery("select max(m.seq) from ArchiveMessage m where m.archive = :archive"
                        + " and m.stamp = (select max(n.stamp) from ArchiveMessage n"
                        + " where n.archive = :archive and n.stamp < :instant)", Long.class)
                .setParameter("archive", archive)
                .setParameter("instant", instant)
                .getSingleResult();
    }

    /** The seq of a message stamped after the instant, the oldest such in (stamp, seq) order, or null. */
    private static Long firstAfter(Session s, String archive, Instant instant) {
        return s.createSelectionQuery("select min(m.seq) from ArchiveMessage m where m.archive = :archive"
                        + " and m.stamp = (select min(n.stamp) from ArchiveMessage n"
                        + " where n.archive = :archive and n.stamp > :instant)", Long.class)
                .setParameter("archive", archive)
                .setParameter("instant", instant)
                .getSingleResult();
    }

    @Override
    public Optional<Archived> first(String archive) {
        return end(archive, "");
    }

    @Override
    public Optional<Archived> last(String archive) {
        return end(archive, " desc");
    }

    private Optional<Archived> end(String archive, String direction) {
        return read(s -> s.createSelectionQuery("from ArchiveMessage m where m.archive = :archive order by m.seq"
                        + direction, ArchiveMessageEntity.class)
                .setParameter("archive", archive)
                .setMaxResults(1)
                .getResultList().stream().findFirst().map(ArchiveMessageEntity::toArchived));
    }

    @Override
    public int deleteOlderThan(String archive, Instant cutoff) {
        // Cut like the stored stamps: never deletes a message the in-memory store would keep.
        Instant before = OfflineMessageEntity.micros(cutoff);
        return deleteInChunks(s -> s.createSelectionQuery("select m.seq from ArchiveMessage m"
                        + " where m.archive = :archive and m.stamp < :cutoff", Long.class)
                .setParameter("archive", archive)
                .setParameter("cutoff", before));
    }

    @Override
    public int deleteOlderThan(Instant cutoff) {
        Instant before = OfflineMessageEntity.micros(cutoff);
        return deleteInChunks(s -> s.createSelectionQuery("select m.seq from ArchiveMessage m where m.stamp < :cutoff",
                        Long.class)
                .setParameter("cutoff", before));
    }

    @Override
    public int deleteArchive(String archive) {
        // The lock row first: an append in progress holds it, so this waits for that append and
        // then deletes its messages too.
        sessions.inTransaction(s -> s.createMutationQuery("delete from ArchiveOwner o where o.owner = :owner")
                .setParameter("owner", archive)
                .executeUpdate());
        return deleteInChunks(s -> s.createSelectionQuery("select m.seq from ArchiveMessage m"
                        + " where m.archive = :archive order by m.seq", Long.class)
                .setParameter("archive", archive));
    }

    /**
     * Deletes what the query finds, {@value #CHUNK} rows per transaction, until it finds no more: a
     * purge of millions of rows neither holds locks nor grows the undo log for the whole run, and
     * appends are not held up.
     */
    private int deleteInChunks(Function<Session, SelectionQuery<Long>> find) {
        int deleted = 0;
        List<Long> seqs;
        do {
            seqs = read(s -> find.apply(s).setMaxResults(CHUNK).getResultList());
            if (!seqs.isEmpty()) {
                List<Long> chunk = seqs;
                deleted += sessions.fromTransaction(s -> s.createMutationQuery(
                                "delete from ArchiveMessage m where m.seq in :seqs")
                        .setParameterList("seqs", chunk)
                        .executeUpdate());
            }
        } while (seqs.size() == CHUNK);
        return deleted;
    }

    /** Runs the queries in one read-only transaction: one snapshot, and no snapshots of loaded rows kept. */
    private <R> R read(Function<Session, R> work) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return work.apply(s);
        });
    }

    private static void setIfPresent(SelectionQuery<?> query, String name, Object value) {
        if (value != null) {
            query.setParameter(name, value);
        }
    }

    /** One row more than the page, to tell whether it is complete. */
    private static int plusOne(int max) {
        return max == Integer.MAX_VALUE ? max : max + 1;
    }

    /** The first whole microsecond at or after the instant. */
    private static Instant ceilMicros(Instant instant) {
        Instant floor = OfflineMessageEntity.micros(instant);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

}
