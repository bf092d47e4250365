package im.parley.storage;

import im.parley.module.archive.InboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inboxes in the database, in the {@code inbox_conversations} table: one row per conversation,
 * keyed by the owner's hash and the partner, and indexed in inbox order (newest first, then the
 * partner) so that a page is one range read of the index.
 *
 * <p>{@link #record} (statements in {@link InboxWrites}) changes an existing conversation with one {@code UPDATE} that computes the
 * new row from the stored one ({@code unread = unread + 1}) under the row's lock, so two cluster
 * nodes updating the same conversation at once never lose an increment. A conversation that does
 * not exist yet is inserted; when two nodes create the same one at once, the primary key refuses the
 * second insert and that whole transaction is tried again, now updating the row the first one made.
 * (A single upsert statement, {@code INSERT ... ON DUPLICATE KEY UPDATE}, would need a second
 * dialect for H2, whose {@code MERGE} is not atomic and needs the retry anyway.)
 *
 * <p>Whether the row exists is asked with a plain read first rather than by the {@code UPDATE}
 * itself: on InnoDB in REPEATABLE READ an {@code UPDATE} that finds no row locks the gap where the
 * row would go, and two transactions holding one gap cannot both insert into it, so any two new
 * conversations that fall between the same two rows (every new owner's, in a young table) would
 * deadlock. The plain read locks nothing; an {@code UPDATE} of a row that exists locks only that
 * row; and every transaction locks its rows in the same order, so that updating existing
 * conversations cannot deadlock at all.
 */
final class HibernateInboxStore implements InboxStore {
    private static final Logger LOG = LoggerFactory.getLogger(HibernateInboxStore.class);
    /** Tries of a transaction that conflicted with a concurrent one creating the same conversations. */
    private static final int ATTEMPTS = 5;
    /**
     * The order in which a transaction locks its conversations: the same for every writer, so two
     * transactions with the same two conversations (a message each way) wait for each other at most
     * once and never deadlock. Sorting is stable, so updates of one conversation keep their order.
     */
    private static final Comparator<Update> LOCK_ORDER = Comparator.comparing(Update::owner).thenComparing(Update::with);

    private static final String KEY = " where c.id.ownerHash = :hash and c.id.with = :with";
    private final SessionFactory sessions;

    HibernateInboxStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void record(List<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        List<Update> ordered = new ArrayList<>(updates);
        ordered.sort(LOCK_ORDER);
        for (int attempt = 1; ; attempt++) {
            try {
                sessions.inStatelessTransaction(s -> s.doWork(c -> InboxWrites.apply(c, ordered)));
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !(WriteConflicts.isConflict(e) || e instanceof InboxWrites.Vanished)) {
                    throw e;
                }
                // Rolled back whole: trying again applies every update exactly once.
                LOG.debug("Inbox update conflicted with a concurrent one (attempt {}); retrying", attempt, e);
            }
        }
    }

    @Override
    public void markRead(String owner, String with) {
        sessions.inStatelessTransaction(s -> s.createMutationQuery("update InboxConversation c set c.unread = 0" + KEY)
                .setParameter("hash", InboxConversationEntity.ownerHash(owner))
                .setParameter("with", InboxConversationEntity.utf8(with))
                .executeUpdate());
    }

    @Override
    public Optional<Page> list(String owner, String after, int max, boolean unreadOnly) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        byte[] hash = InboxConversationEntity.ownerHash(owner);
        // One transaction: the page starts exactly where the looked-up conversation stood.
        return sessions.fromStatelessTransaction(s -> {
            Instant afterStamp = null;
            if (after != null) {
                Optional<Instant> stamp = s.createSelectionQuery(
                                "select c.lastStamp from InboxConversation c" + KEY, Instant.class)
                        .setParameter("hash", hash)
                        .setParameter("with", InboxConversationEntity.utf8(after))
                        .uniqueResultOptional();
                if (stamp.isEmpty()) {
                    return Optional.empty();
                }
                afterStamp = stamp.get();
            }
            SelectionQuery<InboxConversationEntity> query = s.createSelectionQuery(page(after != null, unreadOnly),
                            InboxConversationEntity.class)
                    .setParameter("hash", hash);
            if (after != null) {
                query.setParameter("stamp", afterStamp).setParameter("with", InboxConversationEntity.utf8(after));
            }
            // One more than asked tells whether another page follows.
            List<InboxConversationEntity> rows = query.setMaxResults(max == Integer.MAX_VALUE ? max : max + 1)
                    .getResultList();
            List<Conversation> page = rows.stream().limit(max).map(InboxConversationEntity::toConversation).toList();
            return Optional.of(new Page(page, rows.size() <= max));
        });
    }

    /**
     * A page in index order. After a conversation: everything older, and of the same stamp whatever
     * sorts after its partner. Written as {@code last_stamp <= s AND (...)} rather than an OR of the
     * two cases so that the range read starts at (owner, s) on every database; the rest is a filter
     * on the rows of stamp s. The order names the owner's hash, a constant here, because H2 reads an
     * index in place of sorting only when the order starts with the index's first column.
     */
    private static String page(boolean after, boolean unreadOnly) {
        return "from InboxConversation c where c.id.ownerHash = :hash"
                + (unreadOnly ? " and c.unread > 0" : "")
                + (after ? " and c.lastStamp <= :stamp and (c.lastStamp < :stamp or c.id.with > :with)" : "")
                + " order by c.id.ownerHash, c.lastStamp desc, c.id.with";
    }

    @Override
    public Totals totals(String owner) {
        Object[] row = sessions.fromStatelessTransaction(s -> s.createSelectionQuery(
                        "select count(*), sum(case when c.unread > 0 then 1 else 0 end), sum(c.unread)"
                                + " from InboxConversation c where c.id.ownerHash = :hash", Object[].class)
                .setParameter("hash", InboxConversationEntity.ownerHash(owner))
                .getSingleResult());
        // SUM of no rows is null.
        return new Totals(intOf(row[0]), intOf(row[1]), intOf(row[2]));
    }

    private static int intOf(Object sum) {
        return sum == null ? 0 : ((Number) sum).intValue();
    }

    @Override
    public void deleteInbox(String owner) {
        sessions.inStatelessTransaction(s -> s.createMutationQuery(
                        "delete from InboxConversation c where c.id.ownerHash = :hash")
                .setParameter("hash", InboxConversationEntity.ownerHash(owner))
                .executeUpdate());
    }
}
