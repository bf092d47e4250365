package im.parley.storage;

import im.parley.api.config.ConfigException;
import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The {@code storage} section: which database keeps accounts and module data, and how to reach it. */
@Doc("Where accounts and module data are kept: an embedded H2 database under the data directory, or MariaDB.")
public record StorageConfig(
        @Doc("Database kind: h2 (embedded, files under server.data_dir) or mariadb.")
        @Default("h2") Backend backend,
        @Doc("JDBC URL. Empty means jdbc:h2:file:<data_dir>/parley for h2; required for mariadb, "
                + "e.g. jdbc:mariadb://db.example.org:3306/parley.")
        @Default("") String url,
        @Doc("Database user. Empty means sa for h2.")
        @Default("") String username,
        @Doc("Database password.")
        @Default("") @Secret String password,
        @Doc("Most connections the server keeps open to the database.")
        @Default("10") @Min("1") int poolSize,
        @Doc("How long to wait for a database connection, at boot and whenever the pool is exhausted.")
        @Default("10s") @Min("250ms") Duration connectionTimeout) {

    /** The config section this record binds. */
    public static final String SECTION = "storage";

    /** Database kinds; each has its own migration folder. */
    public enum Backend {
        H2("jdbc:h2:"),
        MARIADB("jdbc:mariadb:");

        private final String urlPrefix;

        Backend(String urlPrefix) {
            this.urlPrefix = urlPrefix;
        }

        /** The migration folder name under {@code db/migration}. */
        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StorageConfig {
        // Thrown as ConfigException with the full key: the binder would otherwise name only the section.
        if (backend == null) {
            throw new ConfigException(SECTION + ".backend", "required: h2 or mariadb");
        }
        url = url == null ? "" : url.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (backend == Backend.MARIADB && url.isEmpty()) {
            throw new ConfigException(SECTION + ".url",
                    "required when storage.backend is mariadb, e.g. jdbc:mariadb://db.example.org:3306/parley");
        }
        if (!url.isEmpty() && !url.toLowerCase(Locale.ROOT).startsWith(backend.urlPrefix)) {
            throw new ConfigException(SECTION + ".url", "storage.backend is " + backend.folder()
                    + ", so the URL must start with " + backend.urlPrefix + ", got '" + Storage.redact(url) + "'");
        }
        if (poolSize < 1) {
            throw new ConfigException(SECTION + ".pool_size", "must be at least 1, got " + poolSize);
        }
        // 250ms is HikariCP's own floor: below it, Hikari silently waits 30s instead.
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new ConfigException(SECTION + ".connection_timeout", "must be at least 250ms, got " + connectionTimeout);
        }
    }

    /** Embedded H2 in the data directory with every other key at its default. */
    public static StorageConfig h2() {
        return new StorageConfig(Backend.H2, "", "", "", 10, Duration.ofSeconds(10));
    }

    /** MariaDB at the given URL with every other key at its default. */
    public static StorageConfig mariaDb(String url, String username, String password) {
        return new StorageConfig(Backend.MARIADB, url, username, password, 10, Duration.ofSeconds(10));
    }

    /** The URL to connect to: the configured one, or the embedded database file in {@code dataDir}. */
    String jdbcUrl(Path dataDir) {
        if (!url.isEmpty()) {
            return url;
        }
        // AUTO_SERVER lets `parley user ...` open the database while the server runs (H2 then
        // refuses DB_CLOSE_ON_EXIT=FALSE, so H2's own shutdown hook closes it). The lock timeout
        // lets concurrent writers to one row wait rather than fail. WRITE_DELAY=0 hands every
        // commit to the operating system at once, so what the server acknowledged survives the
        // process being killed (H2 would otherwise keep up to half a second of commits in memory).
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("parley")
                + ";LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** The user to connect as. */
    String user() {
        return username.isEmpty() && backend == Backend.H2 ? "sa" : username;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "StorageConfig[backend=" + backend.folder() + ", url=" + Storage.redact(url) + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
