package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.parley.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the shipped JSON logging config, every line the server writes is one JSON object. */
class JsonLogTest {
    @TempDir
    Path dir;

    @Test
    void theServerLogsJsonLines() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path config = dir.resolve("parley.yml");
        Files.writeString(config, "server:\n  domains: [localhost]\n  data_dir: " + dir.resolve("data") + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n" + ClusterNodes.LOOPBACK_S2S
                + "management:\n  address: 127.0.0.1\n  port: 0\n");
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlogback.configurationFile=" + repository.resolve("conf/logback-json.xml"),
                "-Dlogback.levels=" + repository.resolve("conf/logback-levels.xml"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Await.until("the server has started", java.time.Duration.ofSeconds(60),
                    () -> Files.exists(log) && read(log).contains("serving"));
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        ObjectMapper json = new ObjectMapper();
        boolean started = false;
        for (String line : read(log).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = json.readTree(line);
            assertTrue(event.has("timestamp") && event.has("level") && event.has("loggerName") && event.has("formattedMessage"), line);
            started |= event.get("formattedMessage").asText().contains("serving [localhost]");
        }
        assertTrue(started, read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
