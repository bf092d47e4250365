package im.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.parley.core.config.ConfigSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and alert rules use only metrics a real server exports: a full
 * server (every built-in module, and the two plugins loaded from their jars) is scraped, and every
 * metric the dashboard's queries and the rules name must be among what it lists.
 */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:parley|jvm|process)_[a-z0-9_]+)");

    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("conf")) ? here : here.getParent();
    }

    /**
     * The metric names a running server with everything enabled registers. A labelled metric
     * appears in the scrape text only once it has a sample, so the registry's snapshots (empty ones
     * included) are read; the scrape over HTTP must list the ones that always have a value.
     */
    private static Set<String> exported(Path plugins, Path data) throws Exception {
        String yaml = "server:\n  domains: [localhost]\n  data_dir: " + data + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n" + ClusterNodes.LOOPBACK_S2S
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "plugins:\n  directory: " + plugins + "\n"
                + "ratelimit:\n  enabled: true\nabusescan:\n  enabled: true\n";
        try (Parley parley = Parley.start(ConfigSource.fromYaml(yaml, Map.of()))) {
            assertTrue(parley.server().runningModules().containsAll(java.util.List.of("ratelimit", "abusescan")),
                    "the plugins run: " + parley.server().runningModules());
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + parley.server().adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(text.contains("# TYPE parley_sessions gauge") && text.contains("# TYPE jvm_memory_used_bytes gauge"), text);
            Set<String> names = new TreeSet<>();
            for (var snapshot : parley.server().metrics().registry().scrape()) {
                names.add(snapshot.getMetadata().getPrometheusName());
            }
            return names;
        }
    }

    private static Path pluginJars() throws IOException {
        Path dir = Files.createTempDirectory("plugins");
        for (String plugin : new String[] {"rate-limit", "abuse-scan"}) {
            try (Stream<Path> jars = Files.list(repository().resolve("plugins").resolve(plugin).resolve("target"))) {
                Path jar = jars.filter(p -> p.getFileName().toString().startsWith("parley-plugin-") && p.toString().endsWith(".jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("plugin " + plugin + " is not built"));
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        return dir;
    }

    private static boolean known(String name, Set<String> exported) {
        for (String suffix : new String[] {"", "_bucket", "_count", "_sum", "_total"}) {
            if (name.endsWith(suffix) && exported.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return exported.contains(name);
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        Set<String> exported = exported(pluginJars(), Files.createTempDirectory("dashboard-data"));
        Set<String> used = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(repository().resolve("conf/grafana/parley-dashboard.json").toFile());
        assertEquals("parley-overview", dashboard.get("uid").asText());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                collect(target.get("expr").asText(), used);
            }
        }
        String rules = Files.readString(repository().resolve("conf/prometheus/parley-alerts.yml"));
        Object parsed = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(rules);
        assertTrue(parsed instanceof Map<?, ?> m && m.containsKey("groups"), "the rules file is YAML with groups");
        collect(rules, used);
        assertFalse(used.isEmpty());
        Set<String> missing = new TreeSet<>();
        for (String name : used) {
            if (!known(name, exported)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "not exported: " + missing + "\nexported: " + exported);
    }

    private static void collect(String expr, Set<String> into) {
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
