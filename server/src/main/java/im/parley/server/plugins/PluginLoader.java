package im.parley.server.plugins;

import im.parley.api.Module;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the plugin jars of a directory and loads their modules, each jar with its own
 * {@link PluginClassLoader}. A jar that cannot be used (not a jar, a manifest without the plugin
 * attributes, a server too old for it, a listed class that is missing) is logged with the reason
 * and left out; the others load.
 */
public final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    /** A loaded plugin jar: its manifest facts and its modules. */
    public record Plugin(Path jar, String name, String version, List<Module> modules, AutoCloseable loader) {
    }

    /** A jar left out, and why. */
    public record Problem(Path jar, String reason) {
    }

    /** What a directory held. */
    public record Loaded(List<Plugin> plugins, List<Problem> problems) {
        /** The modules of every loaded plugin. */
        public List<Module> modules() {
            return plugins.stream().flatMap(p -> p.modules().stream()).toList();
        }

        /** Closes the plugins' class loaders, once the server has stopped. */
        public void close() {
            for (Plugin p : plugins) {
                try {
                    p.loader().close();
                } catch (Exception e) {
                    LOG.debug("Could not close the class loader of plugin {}", p.name(), e);
                }
            }
        }
    }

    private final String serverVersion;
    private final ClassLoader server;

    /**
     * @param serverVersion the running server's version, checked against each plugin's minimum
     * @param server the class loader of the server, whose API classes plugins share
     */
    public PluginLoader(String serverVersion, ClassLoader server) {
        this.serverVersion = serverVersion;
        this.server = server;
    }

    /** The plugins directory beside the server's own jar (or classes directory): {@code server/target/plugins}. */
    public static Path besideServer(Class<?> serverClass) {
        try {
            Path code = Path.of(serverClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("plugins");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("plugins");
        }
    }

    /** Loads every {@code *.jar} of the directory, in name order; a missing directory holds none. */
    public Loaded load(Path directory) {
        List<Plugin> plugins = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            LOG.debug("No plugin directory at {}", directory);
            return new Loaded(List.of(), List.of());
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list the plugin directory {}: {}", directory, e.toString());
            return new Loaded(List.of(), List.of(new Problem(directory, e.toString())));
        }
        for (Path jar : jars) {
            try {
                Plugin plugin = loadJar(jar);
                plugins.add(plugin);
                LOG.info("Plugin {} {} from {}: modules {}", plugin.name(), plugin.version(), jar.getFileName(),
                        plugin.modules().stream().map(Module::name).toList());
            } catch (PluginException e) {
                problems.add(new Problem(jar, e.getMessage()));
                LOG.error("Plugin jar {} is not loaded: {}", jar, e.getMessage());
            }
        }
        return new Loaded(List.copyOf(plugins), List.copyOf(problems));
    }

    private Plugin loadJar(Path jar) throws PluginException {
        PluginManifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            manifest = PluginManifest.of(file.getManifest());
        } catch (IOException | SecurityException e) {
            throw new PluginException("not a readable jar (" + e.getMessage() + ")");
        }
        if (!manifest.runsOn(serverVersion)) {
            throw new PluginException("plugin " + manifest.name() + " " + manifest.version() + " needs Parley "
                    + manifest.minServerVersion() + " or newer; this is " + serverVersion);
        }
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader("plugin-" + manifest.name(), jar.toUri().toURL(), server);
        } catch (MalformedURLException e) {
            throw new PluginException("bad path (" + e.getMessage() + ")");
        }
        try {
            List<Module> modules = modules(loader);
            if (modules.isEmpty()) {
                throw new PluginException("no module listed in META-INF/services/" + Module.class.getName());
            }
            return new Plugin(jar, manifest.name(), manifest.version(), modules, loader);
        } catch (PluginException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private static List<Module> modules(PluginClassLoader loader) throws PluginException {
        List<Module> modules = new ArrayList<>();
        try {
            for (Module module : ServiceLoader.load(Module.class, loader)) {
                modules.add(module);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // The missing or broken class is named in the message (e.g. "Provider x.Y not found").
            throw new PluginException("a module cannot be loaded: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        } catch (RuntimeException e) {
            throw new PluginException("a module's constructor failed: " + e);
        }
        return modules;
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("Could not close a plugin class loader", e);
        }
    }
}
