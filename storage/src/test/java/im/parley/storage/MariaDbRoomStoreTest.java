package im.parley.storage;

import im.parley.module.muc.RoomStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The room contract against the test MariaDB; fails, never skips, when that database is not running. */
class MariaDbRoomStoreTest extends RoomStoreContract {
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
    protected RoomStore store() {
        return storage.provide(RoomStore.class).orElseThrow();
    }
}
