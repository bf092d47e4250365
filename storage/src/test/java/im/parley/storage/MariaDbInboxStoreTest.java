package im.parley.storage;

import im.parley.module.archive.InboxStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inbox contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbInboxStoreTest extends InboxStoreContract {
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
    protected InboxStore store() {
        return storage.provide(InboxStore.class).orElseThrow();
    }
}
