package im.parley.storage;

import im.parley.module.roster.RosterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The roster contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbRosterStoreTest extends RosterStoreContract {
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
    protected RosterStore store() {
        return storage.provide(RosterStore.class).orElseThrow();
    }
}
