package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The offline message contract against embedded H2 in a temporary directory. */
class H2OfflineStoreTest extends OfflineStoreContract {
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
    protected OfflineStore store() {
        return storage.provide(OfflineStore.class).orElseThrow();
    }
}
