package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The offline message contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbOfflineStoreTest extends OfflineStoreContract {
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
    protected OfflineStore store() {
        return storage.provide(OfflineStore.class).orElseThrow();
    }
}
