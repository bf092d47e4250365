package im.parley.storage;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The connection pool's state and timings as Prometheus metrics: connections in use, idle and
 * awaited; the wait for a connection; and how long each is held, which is the time of a storage
 * call (its queries and transaction).
 */
final class PoolMetrics implements MetricsTrackerFactory {
    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private final PrometheusRegistry registry;

    PoolMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        GaugeWithCallback.builder().name("parley_storage_connections").help("Database connections of the pool, by state")
                .labelNames("state").callback(cb -> {
                    cb.call(stats.getActiveConnections(), "active");
                    cb.call(stats.getIdleConnections(), "idle");
                    cb.call(stats.getPendingThreads(), "pending");
                    cb.call(stats.getMaxConnections(), "max");
                }).register(registry);
        Histogram wait = Histogram.builder().name("parley_storage_connection_wait_seconds")
                .help("Time storage calls wait for a pooled connection").classicUpperBounds(BUCKETS).register(registry);
        Histogram use = Histogram.builder().name("parley_storage_call_seconds")
                .help("Time a storage call holds its connection (its queries and transaction)").classicUpperBounds(BUCKETS).register(registry);
        Counter timeouts = Counter.builder().name("parley_storage_connection_timeouts_total")
                .help("Storage calls that got no connection within the pool's timeout").register(registry);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                wait.observe(nanos / 1e9);
            }

            @Override
            public void recordConnectionUsageMillis(long millis) {
                use.observe(millis / 1e3);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.inc();
            }
        };
    }
}
