package im.parley.storage;

import im.parley.module.muc.RoomStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The room contract against embedded H2 in a temporary directory. */
class H2RoomStoreTest extends RoomStoreContract {
    @TempDir
    static Path dataDir;
    private static Storage storage;

    @BeforeAll
    static void open() {
        storage = Storage.open(StorageConfig.h2(), dataDir);
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @Override
    protected RoomStore store() {
        return storage.provide(RoomStore.class).orElseThrow();
    }
}
