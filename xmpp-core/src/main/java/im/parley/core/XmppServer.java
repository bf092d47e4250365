package im.parley.core;

import im.parley.api.Module;
import im.parley.api.ServerInfo;
import im.parley.api.account.AccountStore;
import im.parley.api.account.Accounts;
import im.parley.api.event.ServerStarted;
import im.parley.api.event.ServerStopping;
import im.parley.api.routing.Router;
import im.parley.api.cluster.Cluster;
import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import im.parley.api.storage.RepositoryProvider;
import im.parley.core.account.AccountService;
import im.parley.core.account.InMemoryAccountStore;
import im.parley.core.config.AuthConfig;
import im.parley.core.config.C2sConfig;
import im.parley.core.config.ConfigSource;
import im.parley.core.config.ServerConfig;
import im.parley.core.config.TlsConfig;
import im.parley.core.dispatch.ModuleHost;
import im.parley.core.dispatch.Registries;
import im.parley.core.metrics.ServerMetrics;
import im.parley.core.http.HttpConfig;
import im.parley.core.http.HttpEndpoint;
import im.parley.core.net.C2sListener;
import im.parley.core.net.ConnectionSettings;
import im.parley.core.routing.IqRequestTracker;
import im.parley.core.cluster.LocalCluster;
import im.parley.core.routing.RouteDelivery;
import im.parley.core.routing.StanzaIntake;
import im.parley.core.routing.StanzaRouter;
import im.parley.core.sasl.AuthFailureTracker;
import im.parley.core.sasl.SaslExchange;
import im.parley.core.sasl.SaslMechanisms;
import im.parley.core.server.ServerParts;
import im.parley.core.server.SharedScheduler;
import im.parley.core.session.ClientSession;
import im.parley.core.session.SessionRegistry;
import im.parley.core.session.SessionServices;
import im.parley.core.tls.TlsContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

/**
 * An embeddable Parley server: the composition of core parts, the given modules and storage.
 * The launcher builds one from the config file; tests build one per class on random ports.
 */
public final class XmppServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XmppServer.class);
    /** The config sections the core itself reads. */
    public static final Set<String> CORE_SECTIONS = Set.of("server", "tls", "c2s", "auth", "http", "management");

    private final ServerParts parts;
    private final ModuleHost modules;
    private final C2sListener listener;
    private volatile boolean closed;

    private final HttpEndpoint http;
    private final im.parley.core.admin.Admin admin;

    private XmppServer(ServerParts parts, ModuleHost modules, C2sListener listener, HttpEndpoint http,
                       im.parley.core.admin.Admin admin) {
        this.http = http;
        this.admin = admin;
        this.parts = parts;
        this.modules = modules;
        this.listener = listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts a server. */
    public static final class Builder {
        private ConfigSource config = ConfigSource.empty(Map.of());
        private AccountStore accountStore;
        private RepositoryProvider storage = RepositoryProvider.inMemory();
        private List<Module> modules = List.of();
        private List<Module> plugins = List.of();
        private Cluster cluster;
        private Clock clock = Clock.systemUTC();
        private TlsContext tls;
        private String version = XmppServer.class.getPackage().getImplementationVersion();
        private final Set<String> extraSections = new HashSet<>();
        private final im.parley.core.admin.Health health = new im.parley.core.admin.Health();
        private ServerMetrics metrics;

        public Builder config(ConfigSource config) {
            this.config = config;
            return this;
        }

        public Builder accountStore(AccountStore store) {
            this.accountStore = store;
            return this;
        }

        public Builder storage(RepositoryProvider storage) {
            this.storage = storage;
            return this;
        }

        public Builder modules(List<Module> modules) {
            this.modules = List.copyOf(modules);
            return this;
        }

        /**
         * Modules from plugin jars: started after the built-in ones; one that fails to start is
         * logged and left out, one that throws later is disabled, and the server carries on.
         */
        public Builder plugins(List<Module> plugins) {
            this.plugins = List.copyOf(plugins);
            return this;
        }

        /** The cluster this node belongs to; a single-node one when not set. The caller closes it after the server. */
        public Builder cluster(Cluster cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Uses these certificates instead of the config's (tests). */
        public Builder tls(TlsContext tls) {
            this.tls = tls;
            return this;
        }

        /** A readiness check: the name of what it checks and a problem while it is unavailable. */
        public Builder healthCheck(String name, java.util.function.Supplier<java.util.Optional<String>> check) {
            health.check(name, check);
            return this;
        }

        /** The registry the server's metrics go to, when the embedding application made it first (for storage's). */
        public Builder metrics(ServerMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Config sections that the embedding application reads itself (e.g. storage). */
        public Builder knownSections(Set<String> sections) {
            this.extraSections.addAll(sections);
            return this;
        }

        /** The storage's account store; only a non-persistent storage may fall back to memory. */
        private static AccountStore accountStoreOf(RepositoryProvider storage) {
            return storage.provide(AccountStore.class).orElseGet(() -> {
                if (storage.persistent()) {
                    throw new IllegalStateException("the storage backend has no account store");
                }
                return new InMemoryAccountStore();
            });
        }

        /** Starts the server; on failure everything started so far is shut down again. */
        public XmppServer start() {
            ServerConfig serverConfig = config.bind("server", ServerConfig.class);
            C2sConfig c2s = config.bind("c2s", C2sConfig.class);
            AuthConfig auth = config.bind("auth", AuthConfig.class);
            TlsConfig tlsConfig = config.bind("tls", TlsConfig.class);
            TlsContext tlsContext = tls != null ? tls : TlsContext.create(tlsConfig, serverConfig.domains(), serverConfig.dataDir());
            ServerParts parts = ServerParts.create(serverConfig, clock, version == null ? "development" : version,
                    accountStore != null ? accountStore : accountStoreOf(storage),
                    cluster == null ? new LocalCluster(clock) : cluster, auth, metrics == null ? new ServerMetrics() : metrics);
            im.parley.api.cluster.Cluster joined = parts.cluster();
            health.check("cluster", joined::problem);
            RepositoryProvider backend = storage;
            health.check("storage", backend::problem);
            HttpConfig httpConfig = config.bind("http", HttpConfig.class);
            HttpEndpoint http;
            im.parley.core.web.XmppWebSocketServlet webSocket;
            im.parley.core.web.BoshServlet bosh;
            try {
                // Before the modules, so that they know its address (a port of 0 is bound here).
                webSocket = parts.webSocket(c2s, auth);
                bosh = parts.bosh(c2s, auth);
                http = httpConfig.port() < 0 ? null
                        : HttpEndpoint.start(httpConfig, tlsContext, parts.registries().httpRoutes(), webSocket, bosh);
                if (http != null) {
                    HttpEndpoint endpoint = http;
                    im.parley.core.web.HostMetaServlet hostMeta = new im.parley.core.web.HostMetaServlet(
                            parts.server().domains(), endpoint::baseUrl);
                    parts.registries().httpRoutes().add(im.parley.core.web.HostMetaServlet.XRD, "core", hostMeta);
                    parts.registries().httpRoutes().add(im.parley.core.web.HostMetaServlet.JSON, "core", hostMeta);
                }
            } catch (RuntimeException e) {
                parts.shutdown();
                throw e;
            }
            ModuleHost host = new ModuleHost(parts.registries(), new ModuleHost.Services(parts.server(), parts.router(),
                    parts.sessions(), parts.accounts(), parts.scheduler(), parts.metrics(), parts.cluster(),
                    java.util.Optional.ofNullable(http), tlsContext.serverTls()), config, storage);
            C2sListener listener = null;
            try {
                Set<String> known = new HashSet<>(CORE_SECTIONS);
                known.addAll(extraSections);
                List<Module> all = new ArrayList<>(modules);
                all.add(0, parts.legacySession());
                host.start(all, plugins, known);
                parts.joinCluster();
                listener = parts.listener(c2s, tlsContext, auth);
                listener.start();
                C2sListener bound = listener;
                parts.scheduler().scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), bound::sweep);
                webSocket.accept();
                bosh.accept();
                // Often enough that an idle stream is noticed within half the idle timeout after it passes.
                Duration sweep = Duration.ofSeconds(30).compareTo(c2s.idleTimeout().dividedBy(2)) < 0 ? Duration.ofSeconds(30)
                        : c2s.idleTimeout().dividedBy(2).plusMillis(1);
                parts.scheduler().scheduleAtFixedRate(sweep, sweep, () -> {
                    webSocket.sweep();
                    bosh.sweep();
                });
            } catch (RuntimeException e) {
                if (listener != null) {
                    listener.unbind();
                    listener.dispose();
                }
                host.stop();
                if (http != null) {
                    http.close();
                }
                parts.shutdown();
                throw e;
            }
            im.parley.core.admin.Admin admin;
            try {
                admin = im.parley.core.admin.Admin.start(config.bind("management", im.parley.core.admin.AdminConfig.class), parts, health);
            } catch (RuntimeException e) {
                listener.unbind();
                listener.dispose();
                host.stop();
                if (http != null) {
                    http.close();
                }
                parts.shutdown();
                throw e;
            }
            XmppServer server = new XmppServer(parts, host, listener, http, admin);
            health.started(true);
            parts.registries().events().publish(new ServerStarted());
            LOG.info("Parley {} serving {} on port {}", parts.server().version(), parts.server().domains(), listener.port());
            return server;
        }
    }

    /** The STARTTLS client port actually bound. */
    public int port() {
        return listener.port();
    }

    /** The direct TLS client port actually bound, or -1 when off. */
    public int directTlsPort() {
        return listener.directTlsPort();
    }

    /** The admin listener's port actually bound, or -1 when it is off. */
    public int adminPort() {
        return admin.port();
    }

    /** The admin API token (configured, or generated into the data directory). */
    public String adminToken() {
        return admin.token();
    }

    /** The HTTP endpoint's port actually bound, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public ServerInfo info() {
        return parts.server();
    }

    public Accounts accounts() {
        return parts.accounts();
    }

    public Sessions sessions() {
        return parts.sessions();
    }

    public Router router() {
        return parts.router();
    }

    public ServerMetrics metrics() {
        return parts.metrics();
    }

    public List<String> runningModules() {
        return modules.runningModules();
    }

    public List<Module> modules() {
        return modules.modules();
    }

    /** Stops accepting, ends every stream with system-shutdown, stops modules and releases threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down");
        admin.health().started(false);
        listener.unbind();
        parts.registries().events().publish(new ServerStopping());
        for (LocalSession session : parts.sessions().connectedSessions()) {
            session.close(new StreamError(StreamError.Condition.system_shutdown, "the server is shutting down", "en"));
        }
        listener.awaitClosed(Duration.ofSeconds(2));
        if (!parts.sessions().awaitAllEnded(Duration.ofSeconds(3))) {
            LOG.warn("Some sessions had not finished ending when modules stopped");
        }
        if (http != null) {
            http.close();
        }
        modules.stop();
        admin.close();
        listener.dispose();
        parts.shutdown();
        LOG.info("Stopped");
    }
}
