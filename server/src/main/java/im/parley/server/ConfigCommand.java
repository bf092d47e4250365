package im.parley.server;

import im.parley.api.Module;
import im.parley.api.config.Configured;
import im.parley.core.XmppServer;
import im.parley.core.config.AuthConfig;
import im.parley.core.config.C2sConfig;
import im.parley.cluster.ClusterConfig;
import im.parley.core.config.ConfigReference;
import im.parley.core.config.ConfigSource;
import im.parley.core.config.ServerConfig;
import im.parley.core.config.TlsConfig;
import im.parley.core.tls.PemFiles;
import im.parley.storage.StorageConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Checks a config file without starting, and prints the reference of every key. */
@Command(name = "config", description = "Check the configuration or print its reference.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Reference.class})
final class ConfigCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Every section and its record: the core's, storage, then each module's. */
    static Map<String, Class<? extends Record>> sections(List<Module> modules) {
        Map<String, Class<? extends Record>> sections = new LinkedHashMap<>();
        sections.put("server", ServerConfig.class);
        sections.put("tls", TlsConfig.class);
        sections.put("c2s", C2sConfig.class);
        sections.put("http", im.parley.core.http.HttpConfig.class);
        sections.put("auth", AuthConfig.class);
        sections.put("management", im.parley.core.admin.AdminConfig.class);
        sections.put("storage", StorageConfig.class);
        sections.put("cluster", ClusterConfig.class);
        sections.put("plugins", im.parley.server.plugins.PluginsConfig.class);
        for (Module m : modules) {
            Configured configured = m.getClass().getAnnotation(Configured.class);
            sections.put(m.name(), configured == null ? NoOptions.class : configured.value());
        }
        return sections;
    }

    /** The config of modules without options: only {@code enabled}. */
    record NoOptions() {
    }

    @Command(name = "check", description = "Read and validate the configuration; exit 0 when it is usable.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            ConfigSource source = config.load();
            List<Module> modules = new ArrayList<>(Parley.builtInModules());
            im.parley.server.plugins.PluginLoader.Loaded plugins = Parley.loadPlugins(source);
            modules.addAll(plugins.modules());
            Set<String> known = new HashSet<>(XmppServer.CORE_SECTIONS);
            known.addAll(Parley.SECTIONS);
            List<String> enabled = new ArrayList<>();
            for (Map.Entry<String, Class<? extends Record>> e : sections(modules).entrySet()) {
                known.add(e.getKey());
                source.bind(e.getKey(), e.getValue(), e.getValue() == NoOptions.class || isModule(modules, e.getKey())
                        ? new String[] {"enabled"} : new String[0]);
            }
            known.addAll(Parley.knownSections(source, modules, plugins));
            source.checkSections(known);
            plugins.problems().forEach(p -> System.out.println("  plugin jar left out: " + p.jar() + ": " + p.reason()));
            for (Module m : modules) {
                if (source.enabled(m.name()).orElse(m.enabledByDefault())) {
                    enabled.add(m.name());
                }
            }
            TlsConfig tls = source.bind("tls", TlsConfig.class);
            for (int i = 0; i < tls.certificates().size(); i++) {
                try {
                    PemFiles.load(tls.certificates().get(i).certificate(), tls.certificates().get(i).key());
                } catch (java.io.IOException e) {
                    throw new im.parley.api.config.ConfigException("tls.certificates[" + i + "]", e.getMessage());
                }
            }
            ServerConfig server = source.bind("server", ServerConfig.class);
            System.out.println("Configuration " + source.origin() + " is valid.");
            System.out.println("  domains: " + server.domains());
            System.out.println("  storage: " + source.bind("storage", StorageConfig.class).backend());
            System.out.println("  certificates: " + (tls.certificates().isEmpty()
                    ? "none configured; a self-signed one is generated in " + server.dataDir().resolve("tls") : tls.certificates().size()));
            System.out.println("  modules: " + enabled);
            return 0;
        }

        private static boolean isModule(List<Module> modules, String name) {
            return modules.stream().anyMatch(m -> m.name().equals(name));
        }
    }

    @Command(name = "reference", description = "Print the reference of every config key as Markdown.")
    static final class Reference implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(reference());
            return 0;
        }

        static String reference() {
            List<Module> modules = Parley.builtInModules();
            Map<String, Boolean> enabled = new LinkedHashMap<>();
            modules.forEach(m -> enabled.put(m.name(), m.enabledByDefault()));
            return ConfigReference.markdown(sections(modules), enabled);
        }
    }
}
