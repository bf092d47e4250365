package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.config.ConfigException;
import im.parley.core.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding the {@code storage} section from YAML and the environment, and the errors operators see. */
class StorageConfigTest {

    private static StorageConfig bind(String yaml, Map<String, String> env) {
        return ConfigSource.fromYaml(yaml, env).bind(StorageConfig.SECTION, StorageConfig.class);
    }

    @Test
    void defaultsAreEmbeddedH2InTheDataDirectory() {
        StorageConfig config = bind("", Map.of());

        assertEquals(StorageConfig.h2(), config);
        assertEquals(StorageConfig.Backend.H2, config.backend());
        assertEquals(10, config.poolSize());
        assertEquals(Duration.ofSeconds(10), config.connectionTimeout());
        assertEquals("sa", config.user());
        String url = config.jdbcUrl(Path.of("/srv/parley/data"));
        assertTrue(url.startsWith("jdbc:h2:file:/srv/parley/data/parley;"), url);
    }

    @Test
    void mariaDbSectionBinds() {
        StorageConfig config = bind("""
                storage:
                  backend: mariadb
                  url: jdbc:mariadb://db.example.org:3306/parley
                  username: parley
                  pool_size: 20
                  connection_timeout: 3s
                """, Map.of("PARLEY_STORAGE_PASSWORD", "from-env"));

        assertEquals(new StorageConfig(StorageConfig.Backend.MARIADB, "jdbc:mariadb://db.example.org:3306/parley",
                "parley", "from-env", 20, Duration.ofSeconds(3)), config);
        assertEquals("jdbc:mariadb://db.example.org:3306/parley", config.jdbcUrl(Path.of("ignored")));
    }

    @Test
    void mariaDbWithoutUrlFailsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> bind("storage:\n  backend: mariadb\n", Map.of()));

        assertEquals("storage.url", e.key());
        assertTrue(e.getMessage().contains("storage.url"), e.getMessage());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void urlOfAnotherDatabaseKindFailsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> bind("storage:\n  backend: mariadb\n  url: jdbc:h2:mem:x\n", Map.of()));

        assertEquals("storage.url", e.key());
        assertTrue(e.getMessage().contains("jdbc:mariadb:"), e.getMessage());
    }

    @Test
    void unknownBackendFailsListingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> bind("storage:\n  backend: oracle\n", Map.of()));

        assertEquals("storage.backend", e.key());
        assertTrue(e.getMessage().contains("h2, mariadb"), e.getMessage());
    }

    @Test
    void limitsAreChecked() {
        assertEquals("storage.pool_size",
                assertThrows(ConfigException.class, () -> bind("storage:\n  pool_size: 0\n", Map.of())).key());
        assertEquals("storage.connection_timeout",
                assertThrows(ConfigException.class, () -> bind("storage:\n  connection_timeout: 10ms\n", Map.of())).key());
        assertEquals("storage.pool", assertThrows(ConfigException.class, () -> bind("storage:\n  pool: 3\n", Map.of())).key());
    }

    @Test
    void passwordsNeverShowInText() {
        StorageConfig config = new StorageConfig(StorageConfig.Backend.MARIADB,
                "jdbc:mariadb://db/parley?user=parley&password=hunter2&useSsl=true", "parley", "s3cret", 5, Duration.ofSeconds(5));

        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertEquals("jdbc:mariadb://db/parley?user=parley&password=***&useSsl=true", Storage.redact(config.url()));
    }
}
