package im.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import im.parley.api.account.AccountStore;
import im.parley.api.storage.RepositoryProvider;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent storage backend: a connection pool, the schema migrated by Flyway, and the
 * Hibernate repositories built on them. Opened once at boot by the composition root and closed at
 * shutdown.
 */
public final class Storage implements RepositoryProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private final HikariDataSource pool;
    private final SessionFactory sessionFactory;
    private final AccountStore accounts;
    private final Map<Class<?>, Object> repositories;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Storage(HikariDataSource pool, SessionFactory sessionFactory, List<RepositoryBinding> bindings) {
        this.pool = pool;
        this.sessionFactory = sessionFactory;
        Map<Class<?>, Object> built = new java.util.HashMap<>();
        for (RepositoryBinding binding : bindings) {
            if (built.put(binding.type(), binding.create(sessionFactory)) != null) {
                throw new IllegalStateException("two storage bindings for " + binding.type().getName());
            }
        }
        this.repositories = Map.copyOf(built);
        this.accounts = (AccountStore) repositories.get(AccountStore.class);
    }

    /** Every repository binding on the class path. */
    static List<RepositoryBinding> bindings() {
        List<RepositoryBinding> bindings = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(RepositoryBinding.class, Storage.class.getClassLoader()).forEach(bindings::add);
        return bindings;
    }

    /**
     * Connects, brings the schema up to date and builds the repositories.
     *
     * @param dataDir where the embedded H2 database lives when no URL is configured
     * @throws StorageException naming the database and the problem, if any step fails
     */
    public static Storage open(StorageConfig config, Path dataDir) {
        return open(config, dataDir, null);
    }

    /** Like {@link #open(StorageConfig, Path)}, with the pool's metrics in the server's registry. */
    public static Storage open(StorageConfig config, Path dataDir, io.prometheus.metrics.model.registry.PrometheusRegistry metrics) {
        String url = config.jdbcUrl(dataDir);
        if (config.url().isEmpty()) {
            createDirectory(dataDir);
        }
        HikariDataSource pool = connect(config, url, metrics);
        try {
            MigrateResult migrated = migrate(config, url);
            List<RepositoryBinding> bindings = bindings();
            SessionFactory sessionFactory = sessionFactory(pool, url, bindings);
            LOG.info("Storage open: {} at {} as '{}', schema version {}", config.backend().folder(), redact(url),
                    config.user(), migrated.targetSchemaVersion == null ? migrated.initialSchemaVersion : migrated.targetSchemaVersion);
            return new Storage(pool, sessionFactory, bindings);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The account repository, also given by {@code provide(AccountStore.class)}. */
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public <R> Optional<R> provide(Class<R> type) {
        return Optional.ofNullable(type.cast(repositories.get(type)));
    }

    /**
     * Deletes what every repository keeps for an account: for deletions made with the server's
     * modules not running (the admin command line), where no module hears the deletion.
     */
    public void deleteAccountData(org.xmpp.packet.JID account) {
        for (Object repository : repositories.values()) {
            if (repository instanceof im.parley.api.storage.AccountData data) {
                data.deleteAccountData(account.asBareJID());
            }
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    /** Whether the database answers: a pooled connection that checks valid within two seconds. */
    @Override
    public Optional<String> problem() {
        if (closed.get() || pool.isClosed()) {
            return Optional.of("storage is closed");
        }
        try (java.sql.Connection c = pool.getConnection()) {
            return c.isValid(2) ? Optional.empty() : Optional.of("the database connection is not valid");
        } catch (java.sql.SQLException e) {
            return Optional.of("the database does not answer: " + e.getMessage());
        }
    }

    /** Closes the repositories and then the pool; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sessionFactory.close();
            } finally {
                pool.close();
            }
            LOG.info("Storage closed");
        }
    }

    /** A JDBC URL fit for messages and logs: any password parameter is masked. */
    static String redact(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1***");
    }

    private static void createDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dataDir + " for the embedded database: " + e, e);
        }
    }

    private static HikariDataSource connect(StorageConfig config, String url,
                                            io.prometheus.metrics.model.registry.PrometheusRegistry metrics) {
        HikariConfig hikari = new HikariConfig();
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(new PoolMetrics(metrics));
        }
        hikari.setPoolName("parley-storage");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        // Waiting up to the connection timeout at boot lets the server start next to a database
        // that is still starting (containers started together) instead of failing at once.
        hikari.setInitializationFailTimeout(config.connectionTimeout().toMillis());
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to the database at " + redact(url) + " as '" + config.user()
                    + "': " + rootMessage(e), e);
        }
    }

    private static MigrateResult migrate(StorageConfig config, String url) {
        try {
            // Flyway opens its own connections, not the pool's: it holds two at once (the schema
            // history lock and the migration), which a pool of one could never give it.
            return Flyway.configure(Storage.class.getClassLoader())
                    .dataSource(url, config.user(), config.password())
                    .locations("classpath:db/migration/" + config.backend().folder())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageException("cannot bring the schema of " + redact(url) + " up to date: " + rootMessage(e), e);
        }
    }

    private static SessionFactory sessionFactory(HikariDataSource pool, String url, List<RepositoryBinding> bindings) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, pool)
                // Flyway owns the schema; Hibernate only checks that the entities match it.
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                // Instants are stored as UTC whatever the JVM's or the database session's zone.
                .applySetting(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            bindings.forEach(b -> b.entities().forEach(sources::addAnnotatedClass));
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw new StorageException("the schema of " + redact(url) + " does not match this version of Parley: "
                    + rootMessage(e), e);
        }
    }

    /** The most specific message in a chain, usually the driver's own words. */
    static String rootMessage(Throwable e) {
        Throwable best = e;
        boolean unknownHost = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            unknownHost |= t instanceof UnknownHostException;
            if (!(best instanceof SQLException) && t.getMessage() != null && !t.getMessage().isBlank()) {
                // The first SQLException is the database's answer; causes below it are socket details.
                best = t;
            }
        }
        String message = best.getMessage() == null ? best.toString() : best.getMessage();
        // The driver says only the host name, which reads as if something else had gone wrong.
        return unknownHost ? message + " (unknown host)" : message;
    }
}
