package im.parley.storage;

import im.parley.module.roster.RosterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The roster contract against embedded H2 in a temporary directory. */
class H2RosterStoreTest extends RosterStoreContract {
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
    protected RosterStore store() {
        return storage.provide(RosterStore.class).orElseThrow();
    }
}
