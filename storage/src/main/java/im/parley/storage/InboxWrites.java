package im.parley.storage;

import im.parley.module.archive.InboxStore.Update;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The write side of {@link HibernateInboxStore}: a batch of updates as plain JDBC batches in the
 * caller's transaction, three round trips whatever its size. Through Hibernate, two statements
 * per update (the existence read and the update) cost more CPU than all other work of a message
 * together (43% of the server's samples at saturation, JFR, 2026-11-28).
 */
final class InboxWrites {
    /** Keys per existence read: its statement comes in one shape (padded), so the driver and database reuse it. */
    private static final int READ_SHAPE = 32;
    private static final String INSERT = "insert into inbox_conversations"
            + " (owner_hash, owner, with_jid, last_id, last_stamp, last_stanza, unread) values (?, ?, ?, ?, ?, ?, ?)";
    /**
     * One statement for both directions, so a batch keeps the updates' order. An incoming message is
     * unread, however old; the owner's own message means the owner read what came before it but not
     * what came after (an older one leaves the count alone). The last message changes only for a
     * message at least as new as the stored one. MariaDB evaluates SET left to right, seeing values
     * already assigned, where the standard (H2) sees the old row throughout: last_stamp is assigned
     * last, so both read the old one.
     */
    private static final String UPDATE = "update inbox_conversations set"
            + " unread = case when ? then unread + 1 when last_stamp <= ? then 0 else unread end,"
            + " last_id = case when last_stamp <= ? then ? else last_id end,"
            + " last_stanza = case when last_stamp <= ? then ? else last_stanza end,"
            + " last_stamp = case when last_stamp <= ? then ? else last_stamp end"
            + " where owner_hash = ? and with_jid = ?";

    /** Thrown when a conversation read as existing was deleted before its update: the transaction is tried again. */
    static final class Vanished extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Vanished() {
            super("a conversation was deleted while being updated", null, false, false);
        }
    }

    private InboxWrites() {
    }

    /** Applies the updates in list order: new conversations inserted, existing ones updated. */
    static void apply(Connection c, List<Update> updates) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        List<Row> rows = updates.stream().map(Row::new).toList();
        Set<ByteBuffer> existing = existing(c, rows);
        List<Row> inserts = new ArrayList<>();
        List<Row> changes = new ArrayList<>();
        for (Row r : rows) {
            // The first update of a new conversation creates it; later ones change it.
            (existing.add(r.key()) ? inserts : changes).add(r);
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Row r : inserts) {
                    insert.setBytes(1, r.hash);
                    insert.setBytes(2, InboxConversationEntity.utf8(r.update.owner()));
                    insert.setBytes(3, r.with);
                    insert.setString(4, r.update.id());
                    insert.setObject(5, stamp(h2, r.update.stamp()));
                    insert.setString(6, r.update.stanza());
                    insert.setInt(7, r.update.incoming() ? 1 : 0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!changes.isEmpty()) {
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                for (Row r : changes) {
                    Object stamp = stamp(h2, r.update.stamp());
                    update.setBoolean(1, r.update.incoming());
                    update.setObject(2, stamp);
                    update.setObject(3, stamp);
                    update.setString(4, r.update.id());
                    update.setObject(5, stamp);
                    update.setString(6, r.update.stanza());
                    update.setObject(7, stamp);
                    update.setObject(8, stamp);
                    update.setBytes(9, r.hash);
                    update.setBytes(10, r.with);
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    if (count == 0) {
                        throw new Vanished();
                    }
                }
            }
        }
    }

    /** Which of the rows' conversations exist: a plain read, which locks nothing (see {@link HibernateInboxStore}). */
    private static Set<ByteBuffer> existing(Connection c, List<Row> rows) throws SQLException {
        List<Row> distinct = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        rows.forEach(r -> {
            if (seen.add(r.key())) {
                distinct.add(r);
            }
        });
        // A row-value IN, which H2 and MariaDB both read as key lookups; H2 scans the whole key for
        // the same condition written as ORs of ANDs.
        StringBuilder sql = new StringBuilder("select owner_hash, with_jid from inbox_conversations where (owner_hash, with_jid) in (");
        for (int n = 0; n < READ_SHAPE; n++) {
            sql.append(n == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(')');
        Set<ByteBuffer> found = new HashSet<>();
        try (PreparedStatement read = c.prepareStatement(sql.toString())) {
            for (int from = 0; from < distinct.size(); from += READ_SHAPE) {
                List<Row> part = distinct.subList(from, Math.min(distinct.size(), from + READ_SHAPE));
                for (int n = 0; n < READ_SHAPE; n++) {
                    Row r = part.get(Math.min(n, part.size() - 1));
                    read.setBytes(2 * n + 1, r.hash);
                    read.setBytes(2 * n + 2, r.with);
                }
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        found.add(key(rs.getBytes(1), rs.getBytes(2)));
                    }
                }
            }
        }
        return found;
    }

    /** As Hibernate writes an Instant with the UTC JDBC time zone (see {@link ArchiveWrites#insert}). */
    private static Object stamp(boolean h2, Instant instant) {
        Instant micros = OfflineMessageEntity.micros(instant);
        return h2 ? java.time.OffsetDateTime.ofInstant(micros, java.time.ZoneOffset.UTC)
                : java.time.LocalDateTime.ofInstant(micros, java.time.ZoneOffset.UTC);
    }

    private static ByteBuffer key(byte[] hash, byte[] with) {
        return ByteBuffer.allocate(hash.length + 1 + with.length).put(hash).put((byte) 0).put(with).flip();
    }

    /** An update with its key bytes, computed once. */
    private static final class Row {
        final Update update;
        final byte[] hash;
        final byte[] with;

        Row(Update update) {
            this.update = update;
            this.hash = InboxConversationEntity.ownerHash(update.owner());
            this.with = InboxConversationEntity.utf8(update.with());
        }

        ByteBuffer key() {
            return InboxWrites.key(hash, with);
        }
    }
}
