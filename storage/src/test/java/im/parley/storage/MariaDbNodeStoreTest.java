package im.parley.storage;

import im.parley.module.pubsub.NodeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pubsub node contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbNodeStoreTest extends NodeStoreContract {
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
    protected NodeStore store() {
        return storage.provide(NodeStore.class).orElseThrow();
    }
}
