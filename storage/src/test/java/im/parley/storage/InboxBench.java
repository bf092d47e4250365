package im.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import im.parley.module.archive.InboxStore;
import im.parley.module.archive.InboxStore.Page;
import im.parley.module.archive.InboxStore.Update;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Benchmark of {@link HibernateInboxStore} on MariaDB, run by hand (not a JUnit test): inbox pages
 * of ordinary users and of one heavy user, and {@code record} throughput, against database
 * {@code parley_bench} on 127.0.0.1:3306 (root, no password).
 *
 * <p>The data lives in a table of its own, {@value #TABLE}, made from the V7 migration, and outside
 * Flyway: another benchmark shares {@code parley_bench} with migrations of its own branch, and this
 * one must neither need nor add entries in that history. It is filled once (100,000 conversations
 * of 20,000 users, five each, and one user with 2,000) and reused by later runs.
 *
 * <pre>
 * mvn -B -o -q -pl storage -am test-compile
 * mvn -B -o -q -pl storage dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp storage/target/test-classes:storage/target/classes:modules/target/classes:xmpp-core/target/classes:$(cat /tmp/cp.txt) \
 *     im.parley.storage.InboxBench
 * </pre>
 */
final class InboxBench {
    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String DATABASE = "parley_bench";
    private static final String TABLE = "inbox_bench_conversations";
    private static final int USERS = 20_000;
    private static final int HEAVY_CONVERSATIONS = 2_000;
    private static final int ROWS = USERS * 5 + HEAVY_CONVERSATIONS;
    private static final String HEAVY = "heavy@example.test";
    private static final int PAGE = 50;
    private static final int WARM_UP = 1_000;
    private static final int SAMPLES = 5_000;
    private static final int RECORD_SECONDS = 15;
    private static final Instant NOW = Instant.now();
    private static final String FIRST_PAGE = "heavy user's first page";
    private static final String NEXT_PAGE = "heavy user's page after a conversation";
    private static final String UNREAD_PAGE = "heavy user's first unread-only page";
    private static final String TOTALS = "heavy user's totals";

    private InboxBench() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SERVER + DATABASE);
        config.setUsername("root");
        config.setMaximumPoolSize(10);
        Map<String, String> statements = new ConcurrentHashMap<>();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            fill(pool);
            try (SessionFactory sessions = sessionFactory(pool, statements)) {
                InboxStore store = (InboxStore) new InboxStoreBinding().create(sessions);
                printServer(pool);
                List<String> rows = new ArrayList<>();
                Page first = store.list(HEAVY, null, PAGE, false).orElseThrow();
                String after = first.conversations().get(PAGE - 1).with();
                Random random = new Random(42);
                rows.add(measure("user's first page of " + PAGE + " (5 conversations)",
                        i -> store.list(user(random.nextInt(USERS)), null, PAGE, false).orElseThrow()));
                rows.add(measure("heavy user's first page of " + PAGE, i -> store.list(HEAVY, null, PAGE, false).orElseThrow()));
                rows.add(measure("heavy user's second page of " + PAGE, i -> store.list(HEAVY, after, PAGE, false).orElseThrow()));
                rows.add(measure("heavy user's first unread-only page", i -> store.list(HEAVY, null, PAGE, true).orElseThrow()));
                rows.add(measure("heavy user's totals (2,000 conversations)", i -> store.totals(HEAVY)));
                rows.add(measure("heavy user's inbox request (page + totals)", i -> {
                    store.list(HEAVY, null, PAGE, false).orElseThrow();
                    store.totals(HEAVY);
                }));
                System.out.println("\n| operation | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|");
                rows.forEach(System.out::println);
                System.out.println("\n| record, 2 updates per batch | batches | updates/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|");
                System.out.println(recordThroughput(store, 1));
                System.out.println(recordThroughput(store, 8));
                System.out.println("\nLoad average at the end: " + loadAverage());
                explain(pool, statements, HEAVY, after);
            }
        }
    }

    /** A session factory for the inbox entity alone, mapped to the benchmark's table. */
    private static SessionFactory sessionFactory(HikariDataSource pool, Map<String, String> statements) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, pool)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new PhysicalNamingStrategyStandardImpl() {
                    @Override
                    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
                        return "inbox_conversations".equals(name.getText()) ? Identifier.toIdentifier(TABLE) : name;
                    }
                })
                // Keeps the SQL of the read queries, for EXPLAIN.
                .applySetting(AvailableSettings.STATEMENT_INSPECTOR, (StatementInspector) sql -> {
                    if (sql.contains("order by")) {
                        statements.put(sql.contains("unread>") ? UNREAD_PAGE : sql.contains("<=") ? NEXT_PAGE : FIRST_PAGE, sql);
                    } else if (sql.contains("sum(")) {
                        statements.put(TOTALS, sql);
                    }
                    return sql;
                })
                .build();
        return new MetadataSources(registry).addAnnotatedClass(InboxConversationEntity.class)
                .buildMetadata().buildSessionFactory();
    }

    /** Creates and fills the table unless a previous run did, with the same DDL. */
    private static void fill(HikariDataSource pool) throws SQLException, IOException {
        String ddl;
        try (InputStream in = InboxBench.class.getResourceAsStream("/db/migration/mariadb/V7__inbox.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("inbox_conversations", TABLE);
        }
        // The DDL's hash in the table comment tells a table made from an older migration.
        String tag = "ddl " + Integer.toHexString(ddl.hashCode());
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT table_comment FROM information_schema.tables WHERE table_schema = '"
                    + DATABASE + "' AND table_name = '" + TABLE + "'");
            boolean same = rs.next() && rs.getString(1).equals(tag);
            if (same && count(st) == ROWS) {
                System.out.println("Reusing " + TABLE + " (" + ROWS + " rows)");
                return;
            }
            long start = System.nanoTime();
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute(ddl.replaceAll("(?m)^--.*$", "").replaceAll(";\\s*$", "") + " COMMENT = '" + tag + "'");
            c.setAutoCommit(false);
            Random random = new Random(7);
            List<Object[]> batch = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                // Symmetric partners, so that a benchmark message updates two existing conversations.
                for (int partner : partners(u)) {
                    batch.add(row(user(u), user(partner), random));
                }
                batch = flushIfFull(c, batch, 1_000);
            }
            for (int i = 0; i < HEAVY_CONVERSATIONS; i++) {
                batch.add(row(HEAVY, user(i), random));
                batch = flushIfFull(c, batch, 1_000);
            }
            flushIfFull(c, batch, 0);
            c.commit();
            st.execute("ANALYZE TABLE " + TABLE);
            System.out.printf("Filled %s with %d rows in %.1f s%n", TABLE, count(st), (System.nanoTime() - start) / 1e9);
        }
    }

    private static int[] partners(int u) {
        return new int[] {(u + 1) % USERS, (u + USERS - 1) % USERS, (u + 2) % USERS, (u + USERS - 2) % USERS,
            (u + USERS / 2) % USERS};
    }

    private static Object[] row(String owner, String with, Random random) {
        // Within the last 30 days, to the microsecond.
        Instant stamp = NOW.minusNanos(random.nextLong(30L * 86_400_000_000L) * 1000);
        return new Object[] {owner, with, stamp, random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0};
    }

    private static List<Object[]> flushIfFull(Connection c, List<Object[]> rows, int size) throws SQLException {
        if (rows.size() < size || rows.isEmpty()) {
            return rows;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE
                + " (owner_hash, owner, with_jid, last_id, last_stamp, last_stanza, unread) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Object[] r : rows) {
                String owner = (String) r[0];
                String with = (String) r[1];
                String id = Long.toHexString(((Instant) r[2]).toEpochMilli()) + Integer.toHexString(with.hashCode());
                ps.setBytes(p++, InboxConversationEntity.ownerHash(owner));
                ps.setBytes(p++, owner.getBytes(StandardCharsets.UTF_8));
                ps.setBytes(p++, with.getBytes(StandardCharsets.UTF_8));
                ps.setString(p++, id);
                // DATETIME holds UTC, as Hibernate writes it (JDBC_TIME_ZONE).
                ps.setObject(p++, LocalDateTime.ofInstant((Instant) r[2], ZoneOffset.UTC));
                ps.setString(p++, stanza(with, owner, id));
                ps.setInt(p++, (Integer) r[3]);
            }
            ps.executeUpdate();
        }
        return new ArrayList<>();
    }

    private static long count(Statement st) throws SQLException {
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TABLE);
        rs.next();
        return rs.getLong(1);
    }

    private static String user(int n) {
        return "user" + n + "@example.test";
    }

    /** A typical archived chat message: about 400 bytes. */
    private static String stanza(String from, String to, String id) {
        return "<message xmlns='jabber:client' from='" + from + "/phone' to='" + to + "' type='chat' id='" + id + "'>"
                + "<body>See you at the usual place at eight? Bring the book you mentioned last week.</body>"
                + "<markable xmlns='urn:xmpp:chat-markers:0'/><origin-id xmlns='urn:xmpp:sid:0' id='" + id + "'/>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='" + to + "' id='" + id + "'/></message>";
    }

    /** Runs an operation {@value #WARM_UP} times unmeasured, then {@value #SAMPLES} times; a table row. */
    private static String measure(String name, IntConsumer operation) {
        for (int i = 0; i < WARM_UP; i++) {
            operation.accept(i);
        }
        long[] nanos = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            operation.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        return "| " + name + " | " + String.format("%,d", SAMPLES) + " | " + percentiles(nanos) + " |";
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.2f | %.2f | %.1f", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /**
     * Messages between random partners (one message: the sender's and the recipient's conversation)
     * from the given number of threads for {@value #RECORD_SECONDS} seconds, after a warm-up.
     */
    private static String recordThroughput(InboxStore store, int threads) throws Exception {
        runRecords(store, threads, 2);
        List<long[]> perThread = runRecords(store, threads, RECORD_SECONDS);
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).toArray();
        return String.format("| %d thread%s | %,d | %,.0f | %s |", threads, threads == 1 ? "" : "s", all.length,
                2.0 * all.length / RECORD_SECONDS, percentiles(all));
    }

    private static List<long[]> runRecords(InboxStore store, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    long[] nanos = new long[1 << 16];
                    int n = 0;
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        int sender = random.nextInt(USERS);
                        int recipient = partners(sender)[random.nextInt(5)];
                        String id = Long.toHexString(random.nextLong());
                        Instant stamp = Instant.now();
                        String stanza = stanza(user(sender), user(recipient), id);
                        store.record(List.of(new Update(user(sender), user(recipient), id, stamp, stanza, false),
                                new Update(user(recipient), user(sender), id, stamp, stanza, true)));
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, n * 2);
                        }
                        nanos[n++] = System.nanoTime() - now;
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            List<long[]> results = new ArrayList<>();
            for (Future<long[]> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printServer(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit,"
                    + " (SELECT data_length + index_length FROM information_schema.tables WHERE table_schema = '"
                    + DATABASE + "' AND table_name = '" + TABLE + "')");
            rs.next();
            System.out.printf("MariaDB %s, innodb_buffer_pool_size %d MiB, innodb_flush_log_at_trx_commit %d, table %d MiB%n",
                    rs.getString(1), rs.getLong(2) >> 20, rs.getInt(3), rs.getLong(4) >> 20);
        }
        System.out.println("Load average at the start: " + loadAverage());
    }

    /** The machine is shared: how busy it was says how far to trust the figures. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * EXPLAIN, with ANALYZE's rows actually read (r_rows), of the SQL Hibernate ran for the heavy
     * user's queries.
     */
    private static void explain(HikariDataSource pool, Map<String, String> statements, String owner, String after)
            throws SQLException {
        byte[] hash = InboxConversationEntity.ownerHash(owner);
        try (Connection c = pool.getConnection()) {
            LocalDateTime stamp;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_stamp FROM " + TABLE
                    + " WHERE owner_hash = ? AND with_jid = ?")) {
                ps.setBytes(1, hash);
                ps.setBytes(2, after.getBytes(StandardCharsets.UTF_8));
                ResultSet rs = ps.executeQuery();
                rs.next();
                stamp = rs.getObject(1, LocalDateTime.class);
            }
            // Parameters in Hibernate's order.
            Map<String, List<Object>> parameters = Map.of(
                    FIRST_PAGE, List.of(hash, PAGE + 1),
                    NEXT_PAGE, List.of(hash, stamp, stamp, after.getBytes(StandardCharsets.UTF_8), PAGE + 1),
                    UNREAD_PAGE, List.of(hash, PAGE + 1),
                    TOTALS, List.of(hash));
            for (String name : List.of(FIRST_PAGE, NEXT_PAGE, UNREAD_PAGE, TOTALS)) {
                String sql = statements.get(name);
                System.out.println("\n" + name + ":\n  " + sql);
                try (PreparedStatement ps = c.prepareStatement("ANALYZE " + sql)) {
                    List<Object> values = parameters.get(name);
                    for (int i = 0; i < values.size(); i++) {
                        ps.setObject(i + 1, values.get(i));
                    }
                    ResultSet rs = ps.executeQuery();
                    while (rs.next()) {
                        System.out.printf("  type %s, key %s, key_len %s, rows %s (estimated), r_rows %s (read), Extra: %s%n",
                                rs.getString("type"), rs.getString("key"), rs.getString("key_len"), rs.getString("rows"),
                                rs.getString("r_rows"), rs.getString("Extra"));
                    }
                }
            }
        }
    }
}
