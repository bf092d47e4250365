package im.parley.plugin.ratelimit;

import im.parley.api.cluster.ClusterView;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One kind of limit (e.g. messages per user): a token bucket per key, shared by the cluster's nodes.
 *
 * <p>Decisions are always local, so the hot path costs a map lookup and a short lock. When the
 * server is clustered, each node adds what its buckets spent to a cluster-wide counter per key and
 * period ({@link ClusterView#increment}) and drains its own bucket by what the other nodes spent:
 * periodically for every active key, and at once for a key seen for the first time or whose bucket
 * is nearly empty, so that a user spread over nodes cannot spend much more than one burst.
 */
final class SharedBuckets {
    /** A limit: {@code rate} per {@code period}, {@code burst} at once. */
    record Limit(String name, long rate, long burst, Duration period) {
    }

    /** One key's bucket and what it has told the cluster. */
    private static final class Entry {
        final TokenBucket bucket;
        volatile long lastUsed;
        long unreported;
        long reported;
        long othersSeen;

        Entry(TokenBucket bucket, long now) {
            this.bucket = bucket;
            this.lastUsed = now;
        }
    }

    private final Limit limit;
    private final ClusterView cluster;
    private final BooleanSupplier clustered;
    private final LongSupplier nanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SharedBuckets(Limit limit, ClusterView cluster, BooleanSupplier clustered, LongSupplier nanos) {
        this.limit = limit;
        this.cluster = cluster;
        this.clustered = clustered;
        this.nanos = nanos;
    }

    Limit limit() {
        return limit;
    }

    /** Spends {@code amount} of a key's tokens; returns 0 when allowed, else the nanoseconds until it would be. */
    long take(String key, long amount) {
        long now = nanos.getAsLong();
        Entry entry = entries.get(key);
        if (entry == null) {
            Entry fresh = new Entry(new TokenBucket(limit.rate(), limit.burst(), limit.period().toNanos(), now), now);
            entry = entries.putIfAbsent(key, fresh);
            if (entry == null) {
                entry = fresh;
                if (clustered.getAsBoolean()) {
                    sync(key, entry);
                }
            }
        }
        entry.lastUsed = now;
        long wait = entry.bucket.take(amount, now);
        if (wait == 0) {
            synchronized (entry) {
                entry.unreported += amount;
            }
            if (clustered.getAsBoolean() && entry.bucket.low(now)) {
                sync(key, entry);
            }
        }
        return wait;
    }

    /** Synchronises every key used within the last period with the cluster (a timer task; nothing when alone). */
    void syncAll() {
        if (!clustered.getAsBoolean()) {
            return;
        }
        long since = nanos.getAsLong() - limit.period().toNanos();
        entries.forEach((key, entry) -> {
            if (entry.lastUsed - since > 0) {
                sync(key, entry);
            }
        });
    }

    /** Forgets keys whose bucket is full again and that have nothing to report (a timer task). */
    void sweep() {
        long now = nanos.getAsLong();
        entries.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().unreported == 0 && e.getValue().bucket.full(now)
                        && now - e.getValue().lastUsed > limit.period().toNanos();
            }
        });
    }

    int size() {
        return entries.size();
    }

    private void sync(String key, Entry entry) {
        synchronized (entry) {
            long delta = entry.unreported;
            entry.unreported = 0;
            long total = cluster.increment("ratelimit." + limit.name(), key, delta, limit.period());
            long own = entry.reported + delta;
            if (total < own) {
                // The cluster's window started again since the last sync: count from this report.
                own = delta;
                entry.othersSeen = 0;
            }
            entry.reported = own;
            long others = Math.max(0, total - own);
            long fresh = others - entry.othersSeen;
            entry.othersSeen = others;
            if (fresh > 0) {
                entry.bucket.drain(fresh, nanos.getAsLong());
            }
        }
    }
}
