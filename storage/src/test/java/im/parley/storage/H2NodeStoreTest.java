package im.parley.storage;

import im.parley.module.pubsub.NodeStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The pubsub node contract against embedded H2 in a temporary directory. */
class H2NodeStoreTest extends NodeStoreContract {
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
    protected NodeStore store() {
        return storage.provide(NodeStore.class).orElseThrow();
    }
}
