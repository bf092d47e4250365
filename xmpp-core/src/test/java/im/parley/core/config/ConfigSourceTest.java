package im.parley.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.api.config.ConfigException;
import im.parley.api.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    private static ConfigException failure(String yaml, Map<String, String> env, String section, Class<? extends Record> type) {
        return assertThrows(ConfigException.class, () -> ConfigSource.fromYaml(yaml, env).bind(section, type));
    }

    @Test
    void defaultsApplyWhenTheFileSaysNothing() {
        C2sConfig c2s = ConfigSource.empty(Map.of()).bind("c2s", C2sConfig.class);
        assertEquals(5222, c2s.port());
        assertEquals(5223, c2s.directTlsPort());
        assertEquals(DataSize.ofKiB(256), c2s.maxStanzaSize());
        assertEquals(Duration.ofMinutes(6), c2s.idleTimeout());
        assertTrue(c2s.requireTls());
        ServerConfig server = ConfigSource.empty(Map.of()).bind("server", ServerConfig.class);
        assertEquals(List.of("localhost"), server.domains());
    }

    @Test
    void fileValuesAndUnitsAreRead() {
        C2sConfig c2s = ConfigSource.fromYaml("c2s:\n  port: 15222\n  max_stanza_size: 1MiB\n  idle_timeout: 90s\n", Map.of())
                .bind("c2s", C2sConfig.class);
        assertEquals(15222, c2s.port());
        assertEquals(DataSize.ofMiB(1), c2s.maxStanzaSize());
        assertEquals(Duration.ofSeconds(90), c2s.idleTimeout());
    }

    @Test
    void environmentOverridesTheFile() {
        ConfigSource source = ConfigSource.fromYaml("c2s:\n  port: 15222\nserver:\n  domains: [a.example]\n",
                Map.of("PARLEY_C2S_PORT", "25222", "PARLEY_SERVER_DOMAINS", "b.example, c.example",
                        "PARLEY_C2S_REQUIRE_TLS", "false"));
        C2sConfig c2s = source.bind("c2s", C2sConfig.class);
        assertEquals(25222, c2s.port());
        assertEquals(false, c2s.requireTls());
        assertEquals(List.of("b.example", "c.example"), source.bind("server", ServerConfig.class).domains());
    }

    @Test
    void errorsNameTheKey() {
        assertTrue(failure("c2s:\n  prot: 5222\n", Map.of(), "c2s", C2sConfig.class).getMessage()
                .contains("'c2s.prot': unknown key"));
        assertTrue(failure("c2s:\n  port: 70000\n", Map.of(), "c2s", C2sConfig.class).getMessage()
                .contains("'c2s.port': must be at most 65535"));
        assertTrue(failure("c2s:\n  port: many\n", Map.of(), "c2s", C2sConfig.class).getMessage()
                .contains("'c2s.port': expected a whole number"));
        assertTrue(failure("c2s:\n  max_stanza_size: huge\n", Map.of(), "c2s", C2sConfig.class).getMessage()
                .contains("'c2s.max_stanza_size'"));
        assertTrue(failure("", Map.of("PARLEY_C2S_IDLE_TIMEOUT", "soon"), "c2s", C2sConfig.class).getMessage()
                .contains("'c2s.idle_timeout'"));
        assertTrue(failure("server:\n  domains: []\n", Map.of(), "server", ServerConfig.class).getMessage()
                .contains("'server'"));
        assertTrue(failure("tls:\n  protocols: [TLSv1.1]\n", Map.of(), "tls", TlsConfig.class).getMessage()
                .contains("TLS 1.2 or newer"));
        assertTrue(failure("auth:\n  mechanisms: [DIGEST-MD5]\n", Map.of(), "auth", AuthConfig.class).getMessage()
                .contains("'auth'"));
        assertTrue(failure("server:\n  admins: [not a jid@@]\n", Map.of(), "server", ServerConfig.class).getMessage()
                .contains("server.admins"));
    }

    @Test
    void unknownSectionsAndBadYamlAreReported(@TempDir Path dir) throws Exception {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> ConfigSource.fromYaml("serevr:\n  domains: [x]\n", Map.of()).checkSections(List.of("server", "c2s")));
        assertTrue(unknown.getMessage().contains("'serevr': unknown section"), unknown.getMessage());
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "server: [unclosed\n");
        ConfigException yaml = assertThrows(ConfigException.class, () -> ConfigSource.load(bad, Map.of()));
        assertTrue(yaml.getMessage().contains("not valid YAML"), yaml.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigSource.load(dir.resolve("none.yml"), Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
