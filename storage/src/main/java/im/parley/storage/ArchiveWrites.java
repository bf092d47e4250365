package im.parley.storage;

import im.parley.module.archive.ArchiveStore.Archived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * The write side of {@link HibernateArchiveStore}: the checks and statements an append runs
 * inside the transaction that holds its archives' locks.
 */
final class ArchiveWrites {
    private ArchiveWrites() {
    }

    /** The messages in list order without repeated ids (the first is kept, as appending one by one would). */
    static List<Archived> firstOfEachId(List<Archived> messages) {
        Map<Key, Archived> first = new LinkedHashMap<>();
        for (Archived m : messages) {
            Objects.requireNonNull(m.archive(), "archive");
            Objects.requireNonNull(m.stamp(), "stamp");
            Objects.requireNonNull(m.with(), "with");
            Objects.requireNonNull(m.stanza(), "stanza");
            if (m.id().length() > Archived.MAX_ID_LENGTH) {
                throw new IllegalArgumentException("archive ids have at most " + Archived.MAX_ID_LENGTH
                        + " characters, got " + m.id().length());
            }
            first.putIfAbsent(Key.of(m), m);
        }
        return List.copyOf(first.values());
    }

    /**
     * Which of the messages' ids their archives already hold: per archive one query on the unique
     * index, one seek per id. Statements come in a few fixed shapes (ids padded to a power of two by
     * repeating the last), so Hibernate translates each shape once and reuses it: translating a new
     * statement per batch cost more CPU than the database's work (about 500 messages/s at most).
     */
    static Set<Key> stored(Session s, List<Archived> chunk) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        chunk.forEach(m -> ids.computeIfAbsent(m.archive(), a -> new ArrayList<>()).add(m.id()));
        Set<Key> present = new HashSet<>();
        for (Map.Entry<String, List<String>> archive : ids.entrySet()) {
            List<String> wanted = archive.getValue();
            for (int from = 0; from < wanted.size(); from += MAX_SHAPE) {
                List<String> part = wanted.subList(from, Math.min(wanted.size(), from + MAX_SHAPE));
                int shape = shape(part.size());
                StringBuilder hql = new StringBuilder("select m.stanzaId from ArchiveMessage m where m.archive = :archive and m.stanzaId in (");
                for (int n = 0; n < shape; n++) {
                    hql.append(n == 0 ? ":i0" : ", :i" + n);
                }
                SelectionQuery<String> query = s.createSelectionQuery(hql.append(')').toString(), String.class)
                        .setParameter("archive", archive.getKey());
                for (int n = 0; n < shape; n++) {
                    query.setParameter("i" + n, part.get(Math.min(n, part.size() - 1)));
                }
                query.getResultList().forEach(id -> present.add(new Key(archive.getKey(), id)));
            }
        }
        return present;
    }

    /** Largest statement shape: ids per lookup. */
    static final int MAX_SHAPE = 256;

    /** The power of two at or above n (at most {@link #MAX_SHAPE}). */
    static int shape(int n) {
        return Math.min(MAX_SHAPE, Integer.highestOneBit(Math.max(1, n - 1)) << (n > 1 ? 1 : 0));
    }

    /**
     * Inserts the messages in list order with one JDBC batch: the database numbers the rows in
     * order, and the driver sends the batch at once. Through Hibernate, a statement per message
     * (database-generated ids allow no batching) or a multi-row HQL insert (translated and bound
     * parameter by parameter on every call) cost more CPU than the database's work and capped the
     * archive near 1,000 messages/s on two cores.
     */
    static void insert(Session s, List<Archived> rows) {
        if (rows.isEmpty()) {
            return;
        }
        s.doWork(connection -> {
            boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "insert into archive_messages (archive, stanza_id, with_jid, with_hash, stamp, stanza) values (?, ?, ?, ?, ?, ?)")) {
                for (Archived m : rows) {
                    insert.setBytes(1, m.archive().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    insert.setString(2, m.id());
                    insert.setBytes(3, m.with().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    insert.setLong(4, ArchiveMessageEntity.hash(m.with()));
                    Instant stamp = OfflineMessageEntity.micros(m.stamp());
                    // As Hibernate writes an Instant with the UTC JDBC time zone: an offset date-time
                    // for H2's TIMESTAMP WITH TIME ZONE, the UTC wall time for MariaDB's DATETIME.
                    insert.setObject(5, h2 ? java.time.OffsetDateTime.ofInstant(stamp, java.time.ZoneOffset.UTC)
                            : java.time.LocalDateTime.ofInstant(stamp, java.time.ZoneOffset.UTC));
                    insert.setString(6, m.stanza());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A message's identity: its id within its archive. */
    record Key(String archive, String id) {
        static Key of(Archived m) {
            return new Key(m.archive(), m.id());
        }
    }
}
