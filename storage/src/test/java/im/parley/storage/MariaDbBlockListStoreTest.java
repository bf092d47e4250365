package im.parley.storage;

import im.parley.module.blocking.BlockListStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The block list contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbBlockListStoreTest extends BlockListStoreContract {
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
    protected BlockListStore store() {
        return storage.provide(BlockListStore.class).orElseThrow();
    }
}
