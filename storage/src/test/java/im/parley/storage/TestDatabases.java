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

    private static String runDatabaseUrl;

    /**
     * The test MariaDB; {@code PARLEY_TEST_MARIADB_URL}, {@code _USER}, {@code _PASSWORD} point
     * elsewhere. Each test run gets a database of its own next to the configured one, dropped at
     * exit, so that runs of different versions (with different migrations) never share a schema.
     */
    static synchronized StorageConfig mariaDb() {
        String base = System.getenv().getOrDefault("PARLEY_TEST_MARIADB_URL", DEFAULT_MARIADB_URL);
        String user = System.getenv().getOrDefault("PARLEY_TEST_MARIADB_USER", "root");
        String password = System.getenv().getOrDefault("PARLEY_TEST_MARIADB_PASSWORD", "");
        if (runDatabaseUrl == null) {
            runDatabaseUrl = createRunDatabase(base, user, password);
        }
        return new StorageConfig(StorageConfig.Backend.MARIADB, runDatabaseUrl, user, password, 10, Duration.ofSeconds(5));
    }

    /** Creates parley_test_... beside the configured database; falls back to the configured one if not allowed. */
    private static String createRunDatabase(String base, String user, String password) {
        int slash = base.lastIndexOf('/');
        int query = base.indexOf('?', slash);
        String name = "parley_test_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        String url = base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, user, password);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException e) {
            return base; // not allowed to create databases: share the configured one
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(base, user, password);
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            } catch (java.sql.SQLException e) {
                // best effort: a leftover test database is harmless
            }
        }, "drop-test-database"));
        return url;
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
