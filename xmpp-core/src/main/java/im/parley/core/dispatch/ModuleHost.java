package im.parley.core.dispatch;

import im.parley.api.Module;
import im.parley.api.Scheduler;
import im.parley.api.ServerInfo;
import im.parley.api.account.Accounts;
import im.parley.api.config.ConfigException;
import im.parley.api.routing.Router;
import im.parley.api.session.Sessions;
import im.parley.api.storage.RepositoryProvider;
import im.parley.core.config.ConfigSource;
import im.parley.core.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the enabled modules with their own contexts and stops them in reverse order. */
public final class ModuleHost {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleHost.class);

    /** The server parts modules see. */
    public record Services(ServerInfo server, Router router, Sessions sessions, Accounts accounts,
                           Scheduler scheduler, ServerMetrics metrics, im.parley.api.cluster.Cluster cluster,
                           java.util.Optional<im.parley.core.http.HttpEndpoint> http, im.parley.api.tls.ServerTls tls) {
    }

    private final Registries registries;
    private final Services services;
    private final ConfigSource config;
    private final RepositoryProvider storage;
    private final Map<Class<?>, Object> repositories = new ConcurrentHashMap<>();
    private final Map<String, Record> configs = new ConcurrentHashMap<>();
    private final Map<Module, ModuleScope> running = new LinkedHashMap<>();

    public ModuleHost(Registries registries, Services services, ConfigSource config, RepositoryProvider storage) {
        this.registries = registries;
        this.services = services;
        this.config = config;
        this.storage = storage;
        registries.failures().onDisable(this::disable);
    }

    Registries registries() {
        return registries;
    }

    Services services() {
        return services;
    }

    /** Starts every module the config enables; a module that fails to start fails the boot with its name. */
    public void start(List<Module> modules, Set<String> coreSections) {
        start(modules, List.of(), coreSections);
    }

    /**
     * Starts the enabled built-in modules, then the enabled plugin modules. A built-in module that
     * fails to start fails the boot; a plugin module that fails is logged and left out, and one
     * that throws later is disabled (see {@link ModuleFailures}).
     */
    public synchronized void start(List<Module> modules, List<Module> plugins, Set<String> coreSections) {
        List<Module> all = new ArrayList<>(modules);
        all.addAll(plugins);
        checkNames(all, coreSections);
        for (Module module : modules) {
            if (enabled(module)) {
                startBuiltIn(module);
            }
        }
        for (Module plugin : plugins) {
            if (enabled(plugin)) {
                startPlugin(plugin);
            }
        }
        LOG.info("Modules running: {}", running.keySet().stream().map(Module::name).toList());
    }

    private void checkNames(List<Module> modules, Set<String> coreSections) {
        Set<String> names = new java.util.HashSet<>();
        for (Module m : modules) {
            if (!names.add(m.name())) {
                throw new IllegalStateException("two modules are named '" + m.name() + "'");
            }
            if (coreSections.contains(m.name())) {
                throw new IllegalStateException("module name '" + m.name() + "' clashes with a core config section");
            }
        }
        List<String> known = new ArrayList<>(coreSections);
        known.addAll(names);
        config.checkSections(known);
    }

    private boolean enabled(Module module) {
        boolean on = config.enabled(module.name()).orElse(module.enabledByDefault());
        if (!on) {
            LOG.debug("Module '{}' is disabled", module.name());
        }
        return on;
    }

    private void startBuiltIn(Module module) {
        ModuleScope scope = new ModuleScope(module.name(), this);
        try {
            module.start(scope);
        } catch (ConfigException e) {
            scope.close();
            throw e;
        } catch (RuntimeException e) {
            scope.close();
            throw new IllegalStateException("module '" + module.name() + "' failed to start: " + e.getMessage(), e);
        }
        running.put(module, scope);
    }

    private void startPlugin(Module plugin) {
        registries.failures().isolate(plugin.name());
        ModuleScope scope = new ModuleScope(plugin.name(), this);
        try {
            plugin.start(scope);
        } catch (RuntimeException e) {
            // A ConfigException too: a plugin's bad section leaves the plugin out, not the server down.
            LOG.error("Plugin module '{}' failed to start; it is disabled: {}", plugin.name(), e.getMessage(), e);
            scope.close();
            stopQuietly(plugin);
            return;
        }
        if (registries.failures().disabled(plugin.name())) {
            scope.close();
            stopQuietly(plugin);
            return;
        }
        running.put(plugin, scope);
    }

    /** Stops a running module after a failure and removes its registrations; the server carries on. */
    synchronized void disable(String name) {
        for (Map.Entry<Module, ModuleScope> e : running.entrySet()) {
            if (e.getKey().name().equals(name)) {
                running.remove(e.getKey());
                stopQuietly(e.getKey());
                e.getValue().close();
                LOG.warn("Module '{}' stopped; modules running: {}", name, runningModules());
                return;
            }
        }
    }

    private static void stopQuietly(Module module) {
        try {
            module.stop();
        } catch (RuntimeException ex) {
            LOG.error("Module '{}' failed to stop cleanly", module.name(), ex);
        }
    }

    /** Stops modules newest first; their registrations are removed even if stop() fails. */
    public synchronized void stop() {
        List<Map.Entry<Module, ModuleScope>> entries = new ArrayList<>(running.entrySet());
        Collections.reverse(entries);
        for (Map.Entry<Module, ModuleScope> e : entries) {
            stopQuietly(e.getKey());
            e.getValue().close();
        }
        running.clear();
    }

    /** The names of the running modules, in start order. */
    public synchronized List<String> runningModules() {
        return running.keySet().stream().map(Module::name).toList();
    }

    /** The running modules, in start order. */
    public synchronized List<Module> modules() {
        return List.copyOf(running.keySet());
    }

    <C extends Record> C config(String section, Class<C> type) {
        Record bound = configs.computeIfAbsent(section + "/" + type.getName(), k -> config.bind(section, type, "enabled"));
        return type.cast(bound);
    }

    <R> R repository(String module, Class<R> type, Supplier<? extends R> inMemory) {
        Object repo = repositories.computeIfAbsent(type, t -> storage.provide(type).map(Object.class::cast).orElseGet(() -> {
            if (storage.persistent()) {
                throw new IllegalStateException("the storage backend has no implementation of " + type.getName()
                        + ", which module '" + module + "' needs to keep its data");
            }
            return inMemory.get();
        }));
        return type.cast(repo);
    }
}
