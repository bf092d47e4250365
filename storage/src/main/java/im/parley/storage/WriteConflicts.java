package im.parley.storage;

import java.sql.SQLTransactionRollbackException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells the failures that a concurrent writer causes, after which a transaction can simply be tried
 * again, from the failures that would only repeat.
 */
final class WriteConflicts {
    private WriteConflicts() {
    }

    /**
     * Whether an exception, possibly wrapped, comes from a concurrent insert of the same row: a unique
     * key refusing the row, or the database rolling back a deadlock between two such inserts.
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException cve) {
                return cve.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
            }
            if (t instanceof LockAcquisitionException || t instanceof SQLTransactionRollbackException) {
                return true;
            }
        }
        return false;
    }
}
