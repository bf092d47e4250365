package im.parley.storage;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a repository's changes atomic per owner, across threads and server processes: each change
 * runs in a transaction that first locks the owner's row ({@code SELECT ... FOR UPDATE}), so changes
 * for one owner run one after the other while different owners never wait for each other.
 *
 * <p>The row is created when the owner has none. That insert runs in a transaction of its own,
 * never after a locking read of the missing row: on InnoDB two transactions that both lock the same
 * gap and then insert into it deadlock. When two writers race to create the row, the unique key on
 * the owner lets one insert win; the other fails and simply locks the winner's row.
 *
 * @param <E> the entity of the per-owner row; it must have an attribute {@code owner}
 */
final class OwnerLock<E> {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerLock.class);
    /** Creating the row fails only when a concurrent writer created it (or deleted it again): a few tries suffice. */
    private static final int ATTEMPTS = 5;

    private final SessionFactory sessions;
    private final Class<E> type;
    private final String query;
    /** The table of the rows, whose {@code owner} column holds the owner as UTF-8 bytes. */
    private final String table;
    private final String ownersQuery;
    private final Function<String, E> create;

    /**
     * @param entityName the entity's name in HQL
     * @param create makes a new row for an owner
     */
    OwnerLock(SessionFactory sessions, Class<E> type, String entityName, Function<String, E> create) {
        this.sessions = sessions;
        this.type = type;
        this.query = "from " + entityName + " e where e.owner = :owner";
        this.table = type.getAnnotation(jakarta.persistence.Table.class).name();
        this.ownersQuery = "select e.owner from " + entityName + " e where e.owner in :owners";
        this.create = create;
    }

    /** The owner's row, locked in the given mode until the session's transaction ends. */
    Optional<E> find(Session s, String owner, LockModeType mode) {
        return s.createSelectionQuery(query, type)
                .setParameter("owner", owner)
                .setLockMode(mode)
                .uniqueResultOptional();
    }

    /**
     * Runs the work in one transaction holding the write lock on the owner's row; the work may
     * change the row, which is saved with the rest when the transaction commits.
     */
    <R> R write(String owner, BiFunction<Session, E, R> work) {
        RuntimeException createFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Held<R>> done = sessions.fromTransaction(s -> find(s, owner, LockModeType.PESSIMISTIC_WRITE)
                    .map(row -> new Held<>(work.apply(s, row))));
            if (done.isPresent()) {
                return done.get().value();
            }
            try {
                sessions.inTransaction(s -> s.persist(create.apply(owner)));
            } catch (RuntimeException e) {
                // Most likely a concurrent writer inserted the row first; the next lock finds it.
                LOG.debug("Row of {} in {} was created concurrently", owner, type.getSimpleName(), e);
                createFailure = e;
            }
        }
        throw new IllegalStateException("cannot create the " + type.getSimpleName() + " row of " + owner
                + " after " + ATTEMPTS + " attempts", createFailure);
    }

    /**
     * Runs the work in one transaction holding the write locks on the rows of several owners. One
     * statement takes them all in the order of the owner index, the same order for every writer, so
     * two writers with overlapping owners wait for each other at most once and never deadlock.
     */
    <R> R writeAll(Collection<String> owners, Function<Session, R> work) {
        List<String> keys = owners.stream().distinct().toList();
        RuntimeException createFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Held<R>> done = sessions.fromTransaction(s -> {
                int locked = s.doReturningWork(c -> lockAll(c, keys));
                // A missing row ends this transaction with nothing written: creating it here, after
                // the locking read of its gap, is what deadlocks on InnoDB.
                return locked == keys.size() ? Optional.of(new Held<>(work.apply(s))) : Optional.<Held<R>>empty();
            });
            if (done.isPresent()) {
                return done.get().value();
            }
            Set<String> missing = new HashSet<>(keys);
            missing.removeAll(sessions.fromTransaction(s -> s.createSelectionQuery(ownersQuery, String.class)
                    .setParameterList("owners", keys)
                    .getResultList()));
            for (String owner : missing) {
                try {
                    sessions.inTransaction(s -> s.persist(create.apply(owner)));
                } catch (RuntimeException e) {
                    LOG.debug("Row of {} in {} was created concurrently", owner, type.getSimpleName(), e);
                    createFailure = e;
                }
            }
        }
        throw new IllegalStateException("cannot create the " + type.getSimpleName() + " rows of " + keys
                + " after " + ATTEMPTS + " attempts", createFailure);
    }

    /**
     * Locks the owners' rows in owner order with plain JDBC and returns how many there are. Through
     * Hibernate the statement, whose list parameter varies, was translated anew on every call: the
     * largest CPU cost of archiving a message (JFR, 2026-11-28).
     */
    private int lockAll(java.sql.Connection c, List<String> keys) throws java.sql.SQLException {
        List<String> padded = padded(keys);
        StringBuilder sql = new StringBuilder("select owner from ").append(table).append(" where owner in (");
        for (int n = 0; n < padded.size(); n++) {
            sql.append(n == 0 ? "?" : ", ?");
        }
        try (java.sql.PreparedStatement lock = c.prepareStatement(sql.append(") order by owner for update").toString())) {
            for (int n = 0; n < padded.size(); n++) {
                lock.setBytes(n + 1, padded.get(n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            int rows = 0;
            try (java.sql.ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    /** A result that may be null, so that "no row" and "null result" stay apart. */
    private record Held<R>(R value) {
    }

    /**
     * The keys padded to a power of two by repeating the last: the lock query then comes in a few
     * shapes, which Hibernate translates once each instead of once per batch size.
     */
    private static List<String> padded(List<String> keys) {
        int shape = Integer.highestOneBit(keys.size()) == keys.size() ? keys.size() : Integer.highestOneBit(keys.size()) << 1;
        List<String> padded = new java.util.ArrayList<>(keys);
        while (padded.size() < shape) {
            padded.add(keys.get(keys.size() - 1));
        }
        return padded;
    }
}
