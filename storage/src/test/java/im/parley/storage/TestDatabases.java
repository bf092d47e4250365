package im.parley.storage;

import im.parley.testing.ParleyServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The databases tests run against: embedded H2 in a temporary directory, and the MariaDB that
 * developers and CI run at {@value #DEFAULT_MARIADB_URL} (user root, no password).
 */
final class TestDatabases {
    static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private TestDatabases() {
    }

    /** The test MariaDB; {@code PARLEY_TEST_MARIADB_URL}, {@code _USER}, {@code _PASSWORD} point elsewhere. */
    static StorageConfig mariaDb() {
        String url = System.getenv().getOrDefault("PARLEY_TEST_MARIADB_URL", DEFAULT_MARIADB_URL);
        return new StorageConfig(StorageConfig.Backend.MARIADB, url,
                System.getenv().getOrDefault("PARLEY_TEST_MARIADB_USER", "root"),
                System.getenv().getOrDefault("PARLEY_TEST_MARIADB_PASSWORD", ""), 10, Duration.ofSeconds(5));
    }

    /** Opens the test MariaDB, failing (never skipping) with how to fix it when it is not there. */
    static Storage openMariaDb() {
        StorageConfig config = mariaDb();
        try {
            return Storage.open(config, Path.of("unused"));
        } catch (StorageException e) {
            throw new AssertionError("The MariaDB tests need a MariaDB server at " + config.url() + " (user "
                    + config.username() + ", see TestDatabases): " + e.getMessage(), e);
        }
    }

    /** A storage factory for {@link ParleyServer} that opens the given config in the server's data dir. */
    static ParleyServer.StorageFactory factory(StorageConfig config) {
        return dataDir -> {
            Storage storage = config.backend() == StorageConfig.Backend.MARIADB ? openMariaDb() : Storage.open(config, dataDir);
            return new ParleyServer.OpenedStorage(storage, storage.accounts(), storage);
        };
    }
}
