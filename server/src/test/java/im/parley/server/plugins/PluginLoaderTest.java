package im.parley.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import im.parley.api.Module;
import im.parley.core.config.ConfigSource;
import im.parley.core.dispatch.ModuleFailures;
import im.parley.server.Parley;
import im.parley.server.plugins.fixture.EchoPlugin;
import im.parley.server.plugins.fixture.FailingHandlerPlugin;
import im.parley.server.plugins.fixture.FailingStartPlugin;
import im.parley.testing.ParleyServer;
import im.parley.testing.RawIq;
import im.parley.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Plugin jars built in the test, good and broken, loaded as the server loads them. */
class PluginLoaderTest {
    private static final String FIXTURE = "im.parley.server.plugins.fixture.";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        log.start();
        for (Class<?> c : List.of(PluginLoader.class, ModuleFailures.class, im.parley.core.dispatch.ModuleHost.class)) {
            ((Logger) LoggerFactory.getLogger(c)).addAppender(log);
        }
    }

    @AfterEach
    void stopCapturing() {
        for (Class<?> c : List.of(PluginLoader.class, ModuleFailures.class, im.parley.core.dispatch.ModuleHost.class)) {
            ((Logger) LoggerFactory.getLogger(c)).detachAppender(log);
        }
    }

    private List<String> errors() {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Path plugins() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.jar(plugins, "a-echo.jar", "echo", "0.1.0", FIXTURE + "EchoPlugin\n", EchoPlugin.class);
        PluginJars.jar(plugins, "b-no-name.jar", null, "0.1.0", FIXTURE + "EchoPlugin\n", EchoPlugin.class);
        PluginJars.jar(plugins, "c-too-new.jar", "future", "99.0", FIXTURE + "EchoPlugin\n", EchoPlugin.class);
        PluginJars.corrupt(plugins, "d-corrupt.jar");
        PluginJars.jar(plugins, "e-missing-class.jar", "ghost", "0.1", FIXTURE + "Ghost\n");
        PluginJars.jar(plugins, "f-failing-start.jar", "failing-start", "0.1.0", FIXTURE + "FailingStartPlugin\n",
                FailingStartPlugin.class);
        PluginJars.jar(plugins, "g-failing-handler.jar", "failing-handler", "0.0.9", FIXTURE + "FailingHandlerPlugin\n",
                FailingHandlerPlugin.class);
        return plugins;
    }

    @Test
    void brokenJarsAreLeftOutWithTheReasonAndTheOthersLoadIsolated() throws Exception {
        PluginLoader.Loaded loaded = new PluginLoader("0.1.0", getClass().getClassLoader()).load(plugins());
        try {
            assertEquals(List.of("echo", "failing-start", "failing-handler"), loaded.plugins().stream().map(PluginLoader.Plugin::name).toList());
            Map<String, String> reasons = new java.util.HashMap<>();
            loaded.problems().forEach(p -> reasons.put(p.jar().getFileName().toString(), p.reason()));
            assertEquals(4, reasons.size(), reasons.toString());
            assertTrue(reasons.get("b-no-name.jar").contains("lacks the attribute Parley-Plugin-Name"), reasons.toString());
            assertTrue(reasons.get("c-too-new.jar").contains("needs Parley 99.0 or newer; this is 0.1.0"), reasons.toString());
            assertTrue(reasons.get("d-corrupt.jar").contains("not a readable jar"), reasons.toString());
            assertTrue(reasons.get("e-missing-class.jar").contains(FIXTURE + "Ghost not found"), reasons.toString());
            assertEquals(4, errors().size(), errors().toString());
            assertTrue(errors().stream().allMatch(e -> e.startsWith("Plugin jar ")), errors().toString());

            Module echo = loaded.modules().get(0);
            ClassLoader isolated = echo.getClass().getClassLoader();
            assertInstanceOf(PluginClassLoader.class, isolated, "each jar has its own class loader");
            assertTrue(Module.class == Class.forName(Module.class.getName(), false, isolated), "the API is shared");
            assertThrows(ClassNotFoundException.class, () -> Class.forName("im.parley.core.XmppServer", false, isolated),
                    "the core is not visible to plugins");
            assertEquals(null, isolated.getResource("META-INF/services/im.parley.api.Module.missing"));
        } finally {
            loaded.close();
        }
    }

    @Test
    void aPluginThatThrowsInStartOrInAHandlerIsDisabledAndTheServerCarriesOn() throws Exception {
        PluginLoader.Loaded loaded = new PluginLoader("0.1.0", getClass().getClassLoader()).load(plugins());
        ParleyServer server = ParleyServer.with().plugins(loaded.modules().toArray(Module[]::new))
                .yaml("echo:\n  enabled: true\n").build();
        server.start();
        try {
            assertEquals(List.of("legacy-session", "echo", "failing-handler"), server.server().runningModules());
            assertTrue(errors().stream().anyMatch(e -> e.contains("Plugin module 'failing-start' failed to start")), errors().toString());
            TestClient alice = server.newUser();
            assertEquals(IQ.Type.result, alice.request(query("urn:test:echo")).getType());
            assertEquals(StanzaError.Condition.service_unavailable,
                    alice.request(query("urn:test:failing-start")).getError().getCondition(), "its registration was removed");

            assertEquals(StanzaError.Condition.internal_server_error,
                    alice.request(query("urn:test:failing-handler")).getError().getCondition());
            assertEquals(List.of("legacy-session", "echo"), server.server().runningModules());
            assertEquals(StanzaError.Condition.service_unavailable,
                    alice.request(query("urn:test:failing-handler")).getError().getCondition(), "disabled: its handler is gone");
            TestClient bob = server.newUser();
            alice.sendChat(bob.address(), "boom");
            bob.receivesMessage(m -> "boom".equals(m.getBody()));
            assertEquals(1, errors().stream().filter(e -> e.contains("Plugin module 'failing-handler' failed")).count(),
                    "logged once: " + errors());
            assertEquals(IQ.Type.result, alice.request(query("urn:test:echo")).getType(), "the other plugin carries on");
        } finally {
            server.stop();
            loaded.close();
        }
    }

    @Test
    void theServerStartsFromItsConfigWhenAPluginJarIsBroken() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.jar(plugins, "echo.jar", "echo", "0.1.0", FIXTURE + "EchoPlugin\n", EchoPlugin.class);
        PluginJars.corrupt(plugins, "broken.jar");
        Path config = dir.resolve("parley.yml");
        Files.writeString(config, "server:\n  domains: [localhost]\n  data_dir: " + dir.resolve("data") + "\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: -1\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n"
                + "plugins:\n  directory: " + plugins + "\n"
                + "echo:\n  enabled: true\n"
                + "broken:\n  enabled: true\n");
        try (Parley parley = Parley.start(ConfigSource.load(config, Map.of()))) {
            assertTrue(parley.server().runningModules().contains("echo"), parley.server().runningModules().toString());
            assertTrue(errors().stream().anyMatch(e -> e.contains("broken.jar is not loaded: not a readable jar")), errors().toString());
        }
    }

    private static RawIq query(String namespace) {
        return new RawIq(IQ.Type.get, null, "query", namespace, "");
    }
}
