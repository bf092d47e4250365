package im.parley.storage;

import im.parley.module.archive.ArchiveStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The archive contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbArchiveStoreTest extends ArchiveStoreContract {
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
    protected ArchiveStore store() {
        return storage.provide(ArchiveStore.class).orElseThrow();
    }
}
