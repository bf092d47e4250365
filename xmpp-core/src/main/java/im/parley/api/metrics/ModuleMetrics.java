package im.parley.api.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * Prometheus metrics scoped to one module: names get the prefix {@code parley_<module>_}.
 * Registering the same name twice returns the same metric.
 */
public interface ModuleMetrics {

    Counter counter(String name, String help, String... labelNames);

    Gauge gauge(String name, String help, String... labelNames);

    /** A latency histogram in seconds with the server's standard buckets. */
    Histogram timer(String name, String help, String... labelNames);
}
