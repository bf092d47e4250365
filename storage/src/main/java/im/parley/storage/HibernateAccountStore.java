package im.parley.storage;

import im.parley.api.account.AccountStore;
import im.parley.api.account.ScramCredential;
import im.parley.api.account.ScramHash;
import im.parley.api.account.StoredAccount;
import jakarta.persistence.LockModeType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts in the database, in the {@code accounts} and {@code account_credentials} tables. */
final class HibernateAccountStore implements AccountStore {
    private static final Logger LOG = LoggerFactory.getLogger(HibernateAccountStore.class);

    private final SessionFactory sessions;

    HibernateAccountStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<StoredAccount> find(String username, String domain) {
        return read(s -> s.createSelectionQuery("from Account a left join fetch a.credentials"
                        + " where a.domain = :domain and a.username = :username", AccountEntity.class)
                .setParameter("domain", domain)
                .setParameter("username", username)
                .uniqueResultOptional()
                .map(AccountEntity::toAccount));
    }

    @Override
    public boolean create(StoredAccount account) {
        checkCredentials(account.credentials());
        try {
            return sessions.fromTransaction(s -> {
                // The check spares the common case a failed insert (and the driver's warnings about it);
                // the unique key still decides between creates that race past it.
                if (exists(s, account.username(), account.domain())) {
                    return false;
                }
                s.persist(new AccountEntity(account));
                return true;
            });
        } catch (RuntimeException e) {
            if (isDuplicate(e)) {
                LOG.debug("Account {}@{} was created concurrently", account.username(), account.domain());
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean updateCredentials(String username, String domain, List<ScramCredential> credentials) {
        checkCredentials(credentials);
        return sessions.fromTransaction(s -> {
            // Locked so that a concurrent delete waits instead of leaving orphaned credential rows.
            Optional<AccountEntity> account = s.createSelectionQuery(
                            "from Account a where a.domain = :domain and a.username = :username", AccountEntity.class)
                    .setParameter("domain", domain)
                    .setParameter("username", username)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .uniqueResultOptional();
            account.ifPresent(a -> a.replaceCredentials(credentials));
            return account.isPresent();
        });
    }

    @Override
    public boolean delete(String username, String domain) {
        // Hibernate deletes the credential rows first; the foreign key's ON DELETE CASCADE is for
        // deletes made by hand in SQL.
        return sessions.fromTransaction(s -> s.createMutationQuery(
                        "delete from Account a where a.domain = :domain and a.username = :username")
                .setParameter("domain", domain)
                .setParameter("username", username)
                .executeUpdate() > 0);
    }

    @Override
    public List<String> list(String domain, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative, got " + offset + " and " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        // Served by the (domain, username) unique index: no sort, only the requested rows are read.
        return read(s -> s.createSelectionQuery(
                        "select a.username from Account a where a.domain = :domain order by a.username", String.class)
                .setParameter("domain", domain)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    @Override
    public long count(String domain) {
        return read(s -> s.createSelectionQuery("select count(*) from Account a where a.domain = :domain", Long.class)
                .setParameter("domain", domain)
                .getSingleResult());
    }

    private static boolean exists(Session s, String username, String domain) {
        return s.createSelectionQuery("select count(*) from Account a where a.domain = :domain and a.username = :username",
                        Long.class)
                .setParameter("domain", domain)
                .setParameter("username", username)
                .getSingleResult() > 0;
    }

    /** Runs a query in a read-only session: Hibernate keeps no snapshots of the loaded rows for dirty checking. */
    private <R> R read(Function<Session, R> query) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return query.apply(s);
        });
    }

    /**
     * Rejects two credentials for one hash up front: the table's primary key would refuse them too,
     * and that violation must not be mistaken for a duplicate account.
     */
    private static void checkCredentials(List<ScramCredential> credentials) {
        Set<ScramHash> seen = EnumSet.noneOf(ScramHash.class);
        for (ScramCredential c : credentials) {
            if (!seen.add(c.hash())) {
                throw new IllegalArgumentException("two credentials for " + c.hash());
            }
        }
    }

    /** Whether an exception, possibly wrapped, is the (domain, username) unique key refusing a row. */
    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException cve) {
                return cve.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
            }
        }
        return false;
    }
}
