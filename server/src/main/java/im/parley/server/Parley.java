package im.parley.server;

import im.parley.api.Module;
import im.parley.api.config.ConfigException;
import im.parley.api.cluster.Cluster;
import im.parley.cluster.ClusterConfig;
import im.parley.cluster.HazelcastCluster;
import im.parley.core.XmppServer;
import im.parley.core.cluster.LocalCluster;
import java.time.Clock;
import im.parley.core.config.ConfigSource;
import im.parley.core.config.ServerConfig;
import im.parley.storage.Storage;
import im.parley.storage.StorageConfig;
import im.parley.server.plugins.PluginLoader;
import im.parley.server.plugins.PluginsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: from a config it opens storage, finds the modules and starts the
 * server. Everything is built here, once, by constructors.
 */
public final class Parley implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Parley.class);
    /** Config sections the composition root reads beside the core's and the modules'. */
    static final Set<String> SECTIONS = Set.of("storage", "cluster", "plugins");

    private final XmppServer server;
    private final Storage storage;
    private final Cluster cluster;
    private final PluginLoader.Loaded plugins;

    private Parley(XmppServer server, Storage storage, Cluster cluster, PluginLoader.Loaded plugins) {
        this.server = server;
        this.storage = storage;
        this.cluster = cluster;
        this.plugins = plugins;
    }

    /** Opens storage, joins the cluster when configured and starts the server; on failure nothing stays open. */
    public static Parley start(ConfigSource config) {
        ServerConfig serverConfig = config.bind("server", ServerConfig.class);
        StorageConfig storageConfig = config.bind("storage", StorageConfig.class);
        ClusterConfig clusterConfig = config.bind("cluster", ClusterConfig.class);
        List<Module> builtIn = builtInModules();
        PluginLoader.Loaded plugins = loadPlugins(config);
        Set<String> known = knownSections(config, builtIn, plugins);
        im.parley.core.metrics.ServerMetrics metrics = new im.parley.core.metrics.ServerMetrics();
        Storage storage = Storage.open(storageConfig, serverConfig.dataDir(), metrics.registry());
        Cluster cluster = null;
        try {
            // Single-node mode, the default, starts no Hazelcast at all.
            cluster = clusterConfig.enabled() ? HazelcastCluster.start(clusterConfig) : new LocalCluster(Clock.systemUTC());
            XmppServer server = XmppServer.builder()
                    .metrics(metrics)
                    .config(config)
                    .storage(storage)
                    .accountStore(storage.accounts())
                    .cluster(cluster)
                    .modules(builtIn)
                    .plugins(plugins.modules())
                    .knownSections(known)
                    .version(version())
                    .start();
            return new Parley(server, storage, cluster, plugins);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            storage.close();
            plugins.close();
            throw e;
        }
    }

    /** The plugin jars of {@code plugins.directory}; broken ones are logged and left out. */
    static PluginLoader.Loaded loadPlugins(ConfigSource config) {
        PluginsConfig pluginsConfig = config.bind("plugins", PluginsConfig.class);
        Path directory = pluginsConfig.directory().isBlank() ? PluginLoader.besideServer(Parley.class)
                : Path.of(pluginsConfig.directory());
        return new PluginLoader(version(), Parley.class.getClassLoader()).load(directory);
    }

    /**
     * The sections the composition root accepts beside the core's and the modules'. When a plugin
     * jar failed to load, its module's section would look unknown and stop the boot; so then the
     * sections no module claims are only warned about, and the server starts without the plugin.
     */
    static Set<String> knownSections(ConfigSource config, List<Module> builtIn, PluginLoader.Loaded plugins) {
        Set<String> known = new HashSet<>(SECTIONS);
        if (plugins.problems().isEmpty()) {
            return known;
        }
        Set<String> claimed = new HashSet<>(known);
        claimed.addAll(XmppServer.CORE_SECTIONS);
        builtIn.forEach(m -> claimed.add(m.name()));
        plugins.modules().forEach(m -> claimed.add(m.name()));
        for (String section : config.sections()) {
            if (!claimed.contains(section)) {
                LOG.warn("Config section '{}' belongs to no module; it may be a plugin's that failed to load", section);
                known.add(section);
            }
        }
        return known;
    }

    /** The modules on the class path, found through {@code META-INF/services/im.parley.api.Module}. */
    static List<Module> builtInModules() {
        List<Module> modules = new ArrayList<>();
        ServiceLoader.load(Module.class, Parley.class.getClassLoader()).forEach(modules::add);
        if (modules.isEmpty()) {
            throw new ConfigException(null, "no modules found on the class path; the installation is incomplete");
        }
        return modules;
    }

    static String version() {
        String v = Parley.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    public XmppServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            cluster.close();
            storage.close();
            plugins.close();
            LOG.debug("Storage closed");
        }
    }
}
