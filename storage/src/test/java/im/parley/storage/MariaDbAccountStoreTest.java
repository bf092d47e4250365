package im.parley.storage;

import im.parley.api.account.AccountStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The account contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbAccountStoreTest extends AccountStoreContract {
    private static Storage storage;

    @BeforeAll
    static void open() {
        storage = TestDatabases.openMariaDb();
    }

    @AfterAll
    static void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    protected AccountStore store() {
        return storage.accounts();
    }
}
