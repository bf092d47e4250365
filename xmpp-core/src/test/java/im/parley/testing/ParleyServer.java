package im.parley.testing;

import im.parley.api.Module;
import im.parley.api.account.AccountException;
import im.parley.api.account.AccountStore;
import im.parley.api.storage.RepositoryProvider;
import im.parley.api.cluster.Cluster;
import im.parley.core.XmppServer;
import im.parley.core.config.ConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xmpp.packet.JID;

/**
 * A JUnit 5 extension that runs one in-process Parley per test class on random ports, with the
 * throwaway test certificate, and hands out fresh accounts and logged-in Smack clients.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ParleyServer server = ParleyServer.with(new PingModule()).build();
 * </pre>
 */
public final class ParleyServer implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger USERS = new AtomicInteger();

    private final List<Module> modules;
    private final List<Module> plugins;
    private final String yaml;
    private final Map<String, String> env;
    private final StorageFactory storageFactory;
    private final java.util.function.Supplier<Cluster> clusterFactory;
    private final List<String> admins;
    private final List<String> domains;
    private final im.parley.core.tls.TlsContext tls;
    private OpenedStorage storage;
    private Cluster cluster;
    private final List<TestClient> clients = new ArrayList<>();
    private XmppServer server;
    private Path dataDir;

    private ParleyServer(Builder b) {
        this.modules = List.copyOf(b.modules);
        this.plugins = List.copyOf(b.plugins);
        this.yaml = b.yaml.toString();
        this.env = Map.copyOf(b.env);
        this.storageFactory = b.storageFactory;
        this.clusterFactory = b.clusterFactory;
        this.admins = List.copyOf(b.admins);
        this.domains = List.copyOf(b.domains);
        this.tls = b.tls;
    }

    public static Builder with(Module... modules) {
        Builder b = new Builder();
        b.modules.addAll(List.of(modules));
        return b;
    }

    /** Configures the test server. */
    public static final class Builder {
        private final List<Module> modules = new ArrayList<>();
        private final List<Module> plugins = new ArrayList<>();
        private final StringBuilder yaml = new StringBuilder();
        private final Map<String, String> env = new HashMap<>();
        private StorageFactory storageFactory;
        private java.util.function.Supplier<Cluster> clusterFactory;
        private final List<String> admins = new ArrayList<>();
        private List<String> domains = List.of("localhost", "example.test");
        private im.parley.core.tls.TlsContext tls;

        /** The served domains, the first being {@link #domain()} (default: localhost and example.test). */
        public Builder domains(String... served) {
            this.domains = List.of(served);
            return this;
        }

        /** Certificates other than the test certificate (which names localhost and example.test). */
        public Builder tls(im.parley.core.tls.TlsContext context) {
            this.tls = context;
            return this;
        }

        /** Modules run as plugins are: a failure to start leaves them out, one that throws later is disabled. */
        public Builder plugins(Module... modules) {
            plugins.addAll(List.of(modules));
            return this;
        }

        /** Extra YAML, merged by section (a section given here replaces the default one). */
        public Builder yaml(String text) {
            yaml.append(text).append('\n');
            return this;
        }

        /** An environment override, e.g. ("PARLEY_C2S_MAX_XML_DEPTH", "8"). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Storage opened at each start and closed at each stop, so {@link #restart()} proves persistence. */
        public Builder storage(StorageFactory factory) {
            this.storageFactory = factory;
            return this;
        }

        /** Administrators (server.admins) beside the default server settings. */
        public Builder admins(String... jids) {
            admins.addAll(List.of(jids));
            return this;
        }

        /** Joins a cluster made at each start and left at each stop (cluster tests). */
        public Builder cluster(java.util.function.Supplier<Cluster> factory) {
            this.clusterFactory = factory;
            return this;
        }

        public ParleyServer build() {
            return new ParleyServer(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public void start() throws IOException {
        if (dataDir == null) {
            dataDir = Files.createTempDirectory("parley-test");
        }
        String defaults = "server:\n  domains: [" + String.join(", ", domains) + "]\n  data_dir: " + dataDir + "\n  worker_threads: 8\n  admins: [" + String.join(", ", admins) + "]\n"
                + "c2s:\n  address: 127.0.0.1\n  port: 0\n  direct_tls_port: 0\n"
                + "http:\n  address: 127.0.0.1\n  port: 0\n"
                + "management:\n  address: 127.0.0.1\n  port: 0\n"
                + "auth:\n  scram_iterations: 4096\n";
        storage = storageFactory == null ? null : storageFactory.open(dataDir);
        cluster = clusterFactory == null ? null : clusterFactory.get();
        server = XmppServer.builder()
                .cluster(cluster)
                .config(ConfigSource.fromYaml(merge(defaults, yaml), env))
                .tls(tls != null ? tls : TestCertificates.serverContext())
                .modules(modules)
                .plugins(plugins)
                .storage(storage == null ? RepositoryProvider.inMemory() : storage.provider())
                .accountStore(storage == null ? null : storage.accounts())
                .knownSections(java.util.Set.of("storage"))
                .start();
    }

    public void stop() {
        for (TestClient c : clients) {
            c.close();
        }
        clients.clear();
        if (server != null) {
            server.close();
            server = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (storage != null) {
            try {
                storage.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing storage failed", e);
            }
            storage = null;
        }
    }

    /** Stops and starts again on new ports, keeping storage (restart tests). */
    public void restart() throws IOException {
        stop();
        start();
    }

    /** Opens the storage a test server uses, in the test's data directory. */
    @FunctionalInterface
    public interface StorageFactory {
        OpenedStorage open(Path dataDir);
    }

    /** Storage as the server uses it, and how to close it. */
    public record OpenedStorage(RepositoryProvider provider, AccountStore accounts, AutoCloseable closer)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /** Top-level sections in {@code extra} replace those of {@code base}. */
    private static String merge(String base, String extra) {
        Map<String, StringBuilder> sections = new java.util.LinkedHashMap<>();
        for (String text : List.of(base, extra)) {
            String current = null;
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (!line.startsWith(" ")) {
                    current = line.substring(0, line.indexOf(':'));
                    if (text == extra) {
                        sections.remove(current);
                    }
                    sections.put(current, new StringBuilder());
                }
                sections.get(current).append(line).append('\n');
            }
        }
        StringBuilder out = new StringBuilder();
        sections.values().forEach(out::append);
        return out.toString();
    }

    /** The cluster this server is a node of, or null when it runs alone. */
    public Cluster cluster() {
        return cluster;
    }

    public XmppServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public int directTlsPort() {
        return server.directTlsPort();
    }

    public String domain() {
        return domains.get(0);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates a fresh account on the default domain. */
    public Account newAccount() {
        return newAccount(domain());
    }

    public Account newAccount(String domain) {
        // Random names: a database kept between runs (MariaDB) must never see a name twice.
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        Account account = new Account("user" + USERS.incrementAndGet() + "-" + suffix, domain,
                "secret-" + java.util.UUID.randomUUID());
        try {
            server.accounts().create(new JID(account.username(), domain, null), account.password());
        } catch (AccountException e) {
            throw new IllegalStateException(e);
        }
        return account;
    }

    /** Logs a fresh account in with a default Smack client. */
    public TestClient newUser() {
        return login(newAccount());
    }

    public TestClient login(Account account) {
        return login(account, b -> { });
    }

    /** Logs in with a chosen resource. */
    public TestClient login(Account account, String resource) {
        return login(account, b -> {
            try {
                b.setResource(resource);
            } catch (org.jxmpp.stringprep.XmppStringprepException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** Logs in with the connection configuration adjusted, e.g. another SASL mechanism or resource. */
    public TestClient login(Account account, Consumer<XMPPTCPConnectionConfiguration.Builder> adjust) {
        return login(account, adjust, c -> { });
    }

    /** Logs in with an adjusted configuration and connection settings made before connecting (e.g. stream management off). */
    public TestClient login(Account account, Consumer<XMPPTCPConnectionConfiguration.Builder> adjust,
                            Consumer<org.jivesoftware.smack.tcp.XMPPTCPConnection> prepare) {
        try {
            TestClient client = TestClient.connect(this, account, adjust, prepare);
            clients.add(client);
            return client;
        } catch (Exception e) {
            throw new IllegalStateException("login of " + account + " failed: " + e, e);
        }
    }

    /** A raw socket client, for sending what no well-behaved client would. */
    public RawClient raw() {
        try {
            return new RawClient("127.0.0.1", port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
