package im.parley.storage;

import im.parley.api.storage.UserDocumentStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The document contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbUserDocumentStoreTest extends UserDocumentStoreContract {
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
    protected UserDocumentStore store() {
        return storage.provide(UserDocumentStore.class).orElseThrow();
    }
}
