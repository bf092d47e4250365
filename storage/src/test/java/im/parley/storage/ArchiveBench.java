package im.parley.storage;

import ch.qos.logback.classic.Level;
import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.ArchiveStore.Archived;
import im.parley.module.archive.ArchiveStore.Page;
import im.parley.module.archive.ArchiveStore.Query;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The message archive benchmark on MariaDB (not a JUnit test; run it with {@code storage/archive-bench.sh}).
 *
 * <p>Fills the database {@code parley_bench} with {@value #MESSAGES_DEFAULT} messages of 20,000 user
 * archives with 5 conversation partners each (100,000 conversations, about 500 messages per archive and
 * 100 per conversation), the conversation of each message drawn at random so that, as in a real
 * archive, a conversation's messages lie scattered among everyone else's; stanzas of about 300 bytes,
 * stamps 3 s apart (a year of history). The fill goes through JDBC multi-row INSERTs with the secondary
 * secondary indexes dropped and the rows in seq order, then sorted into the migrated keys in one ALTER TABLE, as a bulk load would: appending 10 million rows one
 * transaction of {@code append} at a time with five secondary indexes on a small buffer pool takes hours.
 * A rerun finds the rows and skips the fill.
 *
 * <p>Then measures through {@link HibernateArchiveStore}: the latency of the last 50 messages of a
 * conversation, of the 50 before those, and of the last 50 of a whole archive, for conversations drawn
 * at random from all of them and from a set of 1,000 (which the reads repeat, as clients of active
 * users would); {@code append} throughput with 1, 4 and 16 threads, one message or 50 per append, to
 * any conversation or to those 1,000; and the query plans (EXPLAIN, and ANALYZE for the rows read).
 * The messages appended are deleted at the end, so reruns measure the same table. The bench changes
 * no server setting; it prints the ones that matter.
 */
public final class ArchiveBench {
    private static final long MESSAGES_DEFAULT = 10_000_000;
    private static final String SERVER = System.getProperty("bench.server", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String DATABASE = System.getProperty("bench.database", "parley_bench");
    private static final String USER = System.getProperty("bench.user", "root");
    private static final String PASSWORD = System.getProperty("bench.password", "");
    private static final long MESSAGES = Long.getLong("bench.messages", MESSAGES_DEFAULT);
    private static final int USERS = Integer.getInteger("bench.users", 20_000);
    private static final int PARTNERS = 5;
    private static final int SAMPLES = Integer.getInteger("bench.samples", 5_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 500);
    private static final int HOT_CONVERSATIONS = 1_000;
    private static final int FILL_THREADS = Integer.getInteger("bench.fillThreads", 2);
    private static final int FILL_ROWS = 1_000;
    private static final Duration APPEND_TIME = Duration.ofSeconds(Long.getLong("bench.appendSeconds", 10));
    private static final int PAGE = 50;
    /** all, reads (and plans) or appends. */
    private static final String ONLY = System.getProperty("bench.only", "all");
    /** Whether to read the whole table and its indexes into the buffer pool first (when it is large enough). */
    private static final boolean PRELOAD = Boolean.getBoolean("bench.preload");
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final long STEP_MILLIS = 3_000;
    private static final String FILLER = ("Shall I compare thee to a summer's day? Thou art more lovely and more temperate: "
            + "rough winds do shake the darling buds of May, and summer's lease hath all too short a date. ").repeat(3);
    /** The keys as migrated (V6, V8): the fill loads rows in seq order with these dropped, then sorts once. */
    private static final String INDEXES = "DROP PRIMARY KEY, ADD PRIMARY KEY (archive, seq), "
            + "ADD CONSTRAINT uk_archive_messages_archive_stanza_id UNIQUE (archive, stanza_id), "
            + "ADD INDEX ix_archive_messages_archive_with_seq (archive, with_hash, seq), "
            + "ADD INDEX ix_archive_messages_archive_stamp (archive, stamp), "
            + "ADD INDEX ix_archive_messages_stamp (stamp), "
            + "ADD CONSTRAINT uk_archive_messages_seq UNIQUE (seq)";
    private static final String DROP_INDEXES = "DROP PRIMARY KEY, ADD PRIMARY KEY (seq), DROP INDEX uk_archive_messages_seq, "
            + "DROP INDEX uk_archive_messages_archive_stanza_id, DROP INDEX ix_archive_messages_archive_with_seq, "
            + "DROP INDEX ix_archive_messages_archive_stamp, DROP INDEX ix_archive_messages_stamp";

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
        }
        String url = SERVER + DATABASE;
        StorageConfig config = new StorageConfig(StorageConfig.Backend.MARIADB, url, USER, PASSWORD, 24, Duration.ofSeconds(30));
        try (Storage storage = Storage.open(config, Path.of("unused"));
             Connection jdbc = DriverManager.getConnection(url, USER, PASSWORD)) {
            ArchiveStore store = storage.provide(ArchiveStore.class).orElseThrow();
            printServer(jdbc);
            fill(jdbc, url);
            check(store);
            printTable(jdbc);
            if (PRELOAD) {
                preload(jdbc);
            }
            if (ONLY.equals("appends")) {
                appends(jdbc, store);
                return;
            }
            List<String> results = new ArrayList<>();
            results.add(String.format(Locale.ROOT, "| %-66s | %8s | %8s | %8s | %8s |", "query (max 50)", "samples", "p50 ms", "p99 ms", "max ms"));
            results.add("|" + "-".repeat(68) + "|" + "-".repeat(10) + "|" + "-".repeat(10) + "|" + "-".repeat(10) + "|" + "-".repeat(10) + "|");
            results.addAll(reads(store, USERS * PARTNERS, "any of 100,000 conversations"));
            results.addAll(reads(store, HOT_CONVERSATIONS, "one of 1,000 active conversations"));
            results.forEach(System.out::println);
            explain(jdbc, store);
            if (!ONLY.equals("reads")) {
                appends(jdbc, store);
            }
        }
    }

    // ---- the data ----

    private static String user(int u) {
        return "user" + u + "@bench.example";
    }

    /** A user's partners are five other users, the same five in every message. */
    private static String partner(int u, int p) {
        return user((u + 1 + p * 3_989) % USERS);
    }

    /** A bijection on longs (SplitMix64's finalizer): distinct inputs give distinct ids. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int conversation(long i) {
        return (int) Long.remainderUnsigned(mix(i + 0x5eed), (long) USERS * PARTNERS);
    }

    private static String id(long i) {
        return String.format("%016x", mix(i ^ 0x1d5L));
    }

    private static Instant stamp(long i) {
        return EPOCH.plusMillis(i * STEP_MILLIS);
    }

    /** Fill message i: about 300 bytes. */
    private static Archived message(long i) {
        int c = conversation(i);
        return message(user(c / PARTNERS), partner(c / PARTNERS, c % PARTNERS), id(i), stamp(i), i);
    }

    private static Archived message(String archive, String with, String id, Instant stamp, long n) {
        String head = "<message xmlns='jabber:client' from='" + with + "/phone' to='" + archive + "' type='chat' id='"
                + id + "'><body>";
        String tail = "</body><stanza-id xmlns='urn:xmpp:sid:0' id='" + id + "' by='" + archive + "'/></message>";
        int start = (int) (n % 100);
        String body = FILLER.substring(start, start + Math.max(10, 300 - head.length() - tail.length()));
        return new Archived(archive, id, stamp, with, head + body + tail);
    }

    // ---- the fill ----

    private static void fill(Connection jdbc, String url) throws Exception {
        long rows = longQuery(jdbc, "SELECT COUNT(*) FROM archive_messages WHERE seq <= " + MESSAGES);
        if (rows == MESSAGES && indexed(jdbc)) {
            System.out.printf(Locale.ROOT, "archive_messages holds the %,d fill rows: no fill%n", rows);
            return;
        }
        // With the indexes as migrated, to compare after the fill: a rerun after an interrupted fill
        // finds them dropped, and then only their names are checked.
        String expected = indexed(jdbc) ? createTable(jdbc) : null;
        System.out.printf(Locale.ROOT, "Filling %,d messages (found %,d rows): %d threads, %,d rows per INSERT%n",
                MESSAGES, rows, FILL_THREADS, FILL_ROWS);
        try (Statement st = jdbc.createStatement()) {
            st.execute("TRUNCATE TABLE archive_messages");
            if (indexed(jdbc)) {
                st.execute("ALTER TABLE archive_messages " + DROP_INDEXES);
            }
        }
        long started = System.nanoTime();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(FILL_THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < FILL_THREADS; t++) {
            done.add(pool.submit(() -> {
                fillRows(url, next, started);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double insert = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Inserted in %.0f s (%,.0f rows/s); building the indexes%n", insert, MESSAGES / insert);
        long indexing = System.nanoTime();
        try (Statement st = jdbc.createStatement()) {
            st.execute("ALTER TABLE archive_messages " + INDEXES);
            st.execute("ANALYZE TABLE archive_messages");
            st.execute("INSERT IGNORE INTO archive_owners (owner) SELECT DISTINCT archive FROM archive_messages");
        }
        System.out.printf(Locale.ROOT, "Indexes built in %.0f s%n", (System.nanoTime() - indexing) / 1e9);
        if (expected != null && !createTable(jdbc).equals(expected)) {
            throw new IllegalStateException("the table differs from the migrated one after the fill:\n" + createTable(jdbc)
                    + "\nwas\n" + expected);
        }
    }

    private static void fillRows(String url, AtomicLong next, long started) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "INSERT IGNORE INTO archive_messages (seq, archive, stanza_id, with_jid, with_hash, stamp, stanza) VALUES ");
        for (int r = 0; r < FILL_ROWS; r++) {
            sql.append(r == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
        }
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
             PreparedStatement insert = c.prepareStatement(sql.toString())) {
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION unique_checks = 0, foreign_key_checks = 0");
            }
            long from;
            while ((from = next.getAndAdd(FILL_ROWS)) < MESSAGES) {
                long to = Math.min(MESSAGES, from + FILL_ROWS);
                if (to - from < FILL_ROWS) {
                    // The last, shorter statement: fill it with the first rows again, which IGNORE skips.
                    from = to - FILL_ROWS;
                }
                PreparedStatement st = insert;
                int p = 1;
                for (long i = from; i < to; i++) {
                    Archived m = message(i);
                    st.setLong(p++, i + 1);
                    st.setBytes(p++, m.archive().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    st.setString(p++, m.id());
                    st.setBytes(p++, m.with().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    st.setLong(p++, ArchiveMessageEntity.hash(m.with()));
                    // Hibernate stores instants as UTC (Storage sets the JDBC time zone).
                    st.setObject(p++, LocalDateTime.ofInstant(m.stamp(), ZoneOffset.UTC));
                    st.setString(p++, m.stanza());
                }
                st.executeUpdate();
                if (from % 1_000_000 == 0) {
                    System.out.printf(Locale.ROOT, "  %,d rows, %.0f s%n", from, (System.nanoTime() - started) / 1e9);
                }
            }
        }
    }

    private static boolean indexed(Connection jdbc) throws SQLException {
        return longQuery(jdbc, "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " AND table_name = 'archive_messages' AND index_name <> 'PRIMARY'") > 0;
    }

    private static String createTable(Connection jdbc) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE archive_messages")) {
            rs.next();
            return rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
        }
    }

    /** The store reads back what the fill wrote, stamps included. */
    private static void check(ArchiveStore store) {
        long i = MESSAGES - 1;
        Archived expected = message(i);
        Archived last = store.last(expected.archive()).orElseThrow();
        if (!last.equals(expected)) {
            throw new IllegalStateException("the fill's last message reads back as " + last + ", expected " + expected);
        }
    }

    // ---- reads ----

    private static List<String> reads(ArchiveStore store, int conversations, String which) {
        SplittableRandom random = new SplittableRandom(conversations);
        long[] last = new long[SAMPLES];
        long[] before = new long[SAMPLES];
        long[] archive = new long[SAMPLES];
        for (int n = -WARMUP; n < SAMPLES; n++) {
            int c = random.nextInt(conversations) * (USERS * PARTNERS / conversations);
            String user = user(c / PARTNERS);
            String with = partner(c / PARTNERS, c % PARTNERS);
            long t0 = System.nanoTime();
            Page page = store.query(Query.last(user, with, PAGE)).orElseThrow();
            long t1 = System.nanoTime();
            Page previous = store.query(Query.last(user, with, PAGE).before(page.messages().get(0).id())).orElseThrow();
            long t2 = System.nanoTime();
            Page whole = store.query(Query.last(user, null, PAGE)).orElseThrow();
            long t3 = System.nanoTime();
            if (page.messages().size() != PAGE || previous.messages().isEmpty() || whole.messages().size() != PAGE) {
                throw new IllegalStateException("short page for " + user + " with " + with);
            }
            if (n >= 0) {
                last[n] = t1 - t0;
                before[n] = t2 - t1;
                archive[n] = t3 - t2;
            }
        }
        return List.of(row("(a) last 50 of a conversation, " + which, last),
                row("(b) the 50 before those, " + which, before),
                row("(c) last 50 of an archive, " + which, archive));
    }

    private static String row(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %-66s | %8d | %8.2f | %8.2f | %8.2f |", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    // ---- plans ----

    private static void explain(Connection jdbc, ArchiveStore store) throws SQLException {
        String user = user(7);
        String with = partner(7, 2);
        Page page = store.query(Query.last(user, with, PAGE)).orElseThrow();
        String firstId = page.messages().get(0).id();
        long firstSeq = longQuery(jdbc, "SELECT seq FROM archive_messages WHERE archive = '" + user + "' AND stanza_id = '"
                + firstId + "'");
        ch.qos.logback.classic.Logger sqlLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.hibernate.SQL");
        System.out.println("\nSQL that Hibernate sends for (a) and (b):");
        sqlLog.setLevel(Level.DEBUG);
        store.query(Query.last(user, with, PAGE));
        store.query(Query.last(user, with, PAGE).before(firstId));
        System.out.println("\nSQL that Hibernate sends for an append of two messages to two archives:");
        store.append(List.of(message(user, with, "explain-" + System.nanoTime(), stamp(MESSAGES), 0),
                message(with, user, "explain-" + System.nanoTime(), stamp(MESSAGES), 1)));
        sqlLog.setLevel(Level.WARN);
        String columns = "seq, archive, stanza_id, with_jid, with_hash, stamp, stanza";
        String conversation = "archive = '" + user + "' AND with_hash = " + ArchiveMessageEntity.hash(with)
                + " AND with_jid = '" + with + "'";
        plan(jdbc, "(a) last 50 of a conversation", "SELECT " + columns + " FROM archive_messages WHERE " + conversation
                + " ORDER BY seq DESC LIMIT 51");
        plan(jdbc, "(b) 1. the id to a seq", "SELECT seq FROM archive_messages WHERE archive = '" + user
                + "' AND stanza_id = '" + firstId + "'");
        plan(jdbc, "(b) 2. the 50 before", "SELECT " + columns + " FROM archive_messages WHERE " + conversation
                + " AND seq < " + firstSeq + " ORDER BY seq DESC LIMIT 51");
        plan(jdbc, "(c) last 50 of an archive", "SELECT " + columns + " FROM archive_messages WHERE archive = '" + user
                + "' ORDER BY seq DESC LIMIT 51");
        // A month of the conversation from its 11th last message on, with the seq bounds the store takes.
        Instant start = page.messages().get(10).stamp().minus(Duration.ofDays(30));
        Instant end = start.plus(Duration.ofDays(30));
        String lo = "SELECT MAX(seq) FROM archive_messages WHERE archive = '" + user + "' AND stamp = (SELECT MAX(stamp)"
                + " FROM archive_messages WHERE archive = '" + user + "' AND stamp < '"
                + sqlTime(start.minus(HibernateArchiveStore.CLOCK_SKEW)) + "')";
        String hi = "SELECT MIN(seq) FROM archive_messages WHERE archive = '" + user + "' AND stamp = (SELECT MIN(stamp)"
                + " FROM archive_messages WHERE archive = '" + user + "' AND stamp > '"
                + sqlTime(end.plus(HibernateArchiveStore.CLOCK_SKEW)) + "')";
        plan(jdbc, "start to a seq bound", lo);
        plan(jdbc, "end to a seq bound", hi);
        Long lowest = optionalLong(jdbc, lo);
        Long highest = optionalLong(jdbc, hi);
        plan(jdbc, "a month of a conversation (start, end, with)", "SELECT " + columns + " FROM archive_messages WHERE "
                + conversation + (lowest == null ? "" : " AND seq > " + lowest) + (highest == null ? "" : " AND seq < " + highest)
                + " AND stamp >= '" + sqlTime(start) + "' AND stamp <= '" + sqlTime(end) + "' ORDER BY seq LIMIT 51");
    }

    private static Long optionalLong(Connection jdbc, String sql) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static String sqlTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString().replace('T', ' ');
    }

    private static void plan(Connection jdbc, String what, String sql) throws SQLException {
        System.out.println("\n" + what + ":\n  " + sql.replace("SELECT " + "seq, archive, stanza_id, with_jid, with_hash, stamp, stanza", "SELECT ..."));
        for (String prefix : List.of("EXPLAIN ", "ANALYZE ")) {
            try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(prefix + sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                StringBuilder out = new StringBuilder("  " + prefix.trim() + ":");
                while (rs.next()) {
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        String label = meta.getColumnLabel(col);
                        if (Arrays.asList("id", "select_type", "table", "type", "key", "key_len", "ref", "rows", "r_rows",
                                "filtered", "r_filtered", "Extra").contains(label)) {
                            out.append(' ').append(label).append('=').append(rs.getString(col));
                        }
                    }
                }
                System.out.println(out);
            }
        }
    }

    // ---- appends ----

    private static void appends(Connection jdbc, ArchiveStore store) throws Exception {
        long maxSeq = longQuery(jdbc, "SELECT MAX(seq) FROM archive_messages");
        System.out.printf(Locale.ROOT, "%n| %-34s | %-7s | %-5s | %12s | %14s |%n", "conversations appended to", "threads",
                "batch", "messages/s", "ms per append");
        System.out.println("|------------------------------------|---------|-------|--------------|----------------|");
        AtomicLong counter = new AtomicLong();
        String run = Long.toHexString(System.nanoTime());
        try {
            for (int conversations : new int[] {USERS * PARTNERS, HOT_CONVERSATIONS}) {
                for (int batch : new int[] {1, 50}) {
                    for (int threads : new int[] {1, 4, 16}) {
                        appendRun(store, conversations, threads, batch, run, counter, Duration.ofSeconds(2));
                        double[] result = appendRun(store, conversations, threads, batch, run, counter, APPEND_TIME);
                        System.out.printf(Locale.ROOT, "| %-34s | %7d | %5d | %,12.0f | %14.2f |%n",
                                String.format(Locale.ROOT, "any of %,d", conversations), threads, batch, result[0], result[1]);
                    }
                }
            }
        } finally {
            // Leave the table as filled, so that reruns measure the same thing.
            long deleted = 0;
            try (PreparedStatement st = jdbc.prepareStatement("DELETE FROM archive_messages WHERE seq > ? LIMIT 10000")) {
                st.setLong(1, maxSeq);
                int n;
                while ((n = st.executeUpdate()) > 0) {
                    deleted += n;
                }
            }
            System.out.printf(Locale.ROOT, "Deleted the %,d messages appended%n", deleted);
        }
    }

    /**
     * Appends batches of new messages to conversations drawn at random from the first of every
     * {@code 100,000 / conversations}, for the time given: messages/s and ms per append.
     */
    private static double[] appendRun(ArchiveStore store, int conversations, int threads, int batch, String run,
                                      AtomicLong counter, Duration time) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong messages = new AtomicLong();
        AtomicLong appends = new AtomicLong();
        AtomicLong busyNanos = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t * 31L + batch);
            done.add(pool.submit(() -> {
                while (!stop.get()) {
                    List<Archived> list = new ArrayList<>(batch);
                    for (int k = 0; k < batch; k++) {
                        long n = counter.getAndIncrement();
                        int c = random.nextInt(conversations) * (USERS * PARTNERS / conversations);
                        list.add(message(user(c / PARTNERS), partner(c / PARTNERS, c % PARTNERS), "b-" + run + "-" + n,
                                stamp(MESSAGES + n), n));
                    }
                    long t0 = System.nanoTime();
                    store.append(list);
                    busyNanos.addAndGet(System.nanoTime() - t0);
                    messages.addAndGet(batch);
                    appends.incrementAndGet();
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        pool.shutdown();
        pool.awaitTermination(time.toMillis(), TimeUnit.MILLISECONDS);
        stop.set(true);
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[] {messages.get() / seconds, busyNanos.get() / 1e6 / Math.max(1, appends.get())};
    }

    /** Reads every index of the table once, so that a buffer pool that can hold them starts warm. */
    private static void preload(Connection jdbc) throws SQLException {
        long started = System.nanoTime();
        for (String index : List.of("PRIMARY", "uk_archive_messages_archive_stanza_id", "uk_archive_messages_seq",
                "ix_archive_messages_archive_with_seq", "ix_archive_messages_archive_stamp", "ix_archive_messages_stamp")) {
            longQuery(jdbc, "SELECT COUNT(*) FROM archive_messages FORCE INDEX (" + index + ")"
                    + (index.equals("PRIMARY") ? " WHERE LENGTH(stanza) > 0" : ""));
        }
        System.out.printf(Locale.ROOT, "Preloaded the table and its indexes in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    // ---- server ----

    private static void printServer(Connection jdbc) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT @@version,"
                + " @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit, @@innodb_flush_method, @@innodb_log_file_size,"
                + " @@sync_binlog, @@log_bin")) {
            rs.next();
            System.out.printf(Locale.ROOT, "MariaDB %s: innodb_buffer_pool_size %,d MiB, innodb_flush_log_at_trx_commit %s,"
                            + " innodb_flush_method %s, innodb_log_file_size %,d MiB, log_bin %s, sync_binlog %s%n",
                    rs.getString(1), rs.getLong(2) >> 20, rs.getString(3), rs.getString(4), rs.getLong(5) >> 20,
                    rs.getString(7), rs.getString(6));
        }
    }

    private static void printTable(Connection jdbc) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT data_length, index_length"
                + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'archive_messages'")) {
            rs.next();
            System.out.printf(Locale.ROOT, "archive_messages: %,d messages, %,d archives, %,d conversations;"
                            + " data %,d MiB, indexes %,d MiB%n", MESSAGES, USERS, USERS * PARTNERS,
                    rs.getLong(1) >> 20, rs.getLong(2) >> 20);
        }
    }

    private static long longQuery(Connection jdbc, String sql) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
