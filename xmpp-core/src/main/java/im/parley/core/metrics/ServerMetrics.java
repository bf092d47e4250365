package im.parley.core.metrics;

import im.parley.api.metrics.ModuleMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Metric;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The server's Prometheus registry (one per server instance, never the global default) and its core metrics. */
public final class ServerMetrics {
    private static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

    public final Counter connections;
    public final Gauge openConnections;
    public final Counter connectionsRefused;
    public final Counter logins;
    public final Counter stanzasIn;
    public final Counter stanzasOut;
    public final Counter streamErrors;
    public final Counter readsSuspended;
    public final Counter iqHandled;
    public final Histogram iqLatency;
    public final Counter componentStanzas;
    public final Histogram stanzaHandlerLatency;
    public final Gauge sessions;
    public final Counter clusterMessages;
    public final Gauge clusterMembers;
    public final Histogram routing;
    public final Counter resumptions;

    public ServerMetrics() {
        connections = counter("parley_connections_total", "Client connections accepted", "transport");
        openConnections = gauge("parley_connections_open", "Client connections open now", "transport");
        connectionsRefused = counter("parley_connections_refused_total", "Connections refused by limits", "reason");
        logins = counter("parley_logins_total", "SASL authentications", "mechanism", "outcome");
        stanzasIn = counter("parley_stanzas_in_total", "Stanzas received from clients", "kind");
        stanzasOut = counter("parley_stanzas_out_total", "Stanzas written to clients", "kind");
        readsSuspended = counter("parley_c2s_reads_suspended_total",
                "Times the server stopped reading a client because too many of its stanzas waited for a worker");
        streamErrors = counter("parley_stream_errors_total", "Streams ended with a stream error", "condition");
        iqHandled = counter("parley_iq_handled_total", "IQ requests handled by the server", "namespace", "outcome");
        iqLatency = timer("parley_iq_handler_seconds", "Time IQ handlers take", "namespace");
        componentStanzas = counter("parley_component_stanzas_total", "Stanzas handled by components (group chat, upload, pubsub)",
                "component", "kind", "outcome");
        stanzaHandlerLatency = timer("parley_stanza_handler_seconds", "Time message and presence handlers take", "module", "route");
        sessions = gauge("parley_sessions", "Bound client sessions on this node");
        clusterMessages = counter("parley_cluster_messages_total", "Messages to and from other cluster nodes", "direction");
        clusterMembers = gauge("parley_cluster_members", "Nodes in the cluster, this one included");
        routing = timer("parley_routing_seconds",
                "Time from a client's stanza being read to its being routed: interceptors, handlers and local delivery", "kind");
        resumptions = counter("parley_sm_resumptions_total", "Stream management resumptions (XEP-0198)", "outcome");
        // Heap, GC, threads, class loading and the process: what the JVM dashboards expect.
        io.prometheus.metrics.instrumentation.jvm.JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public Counter counter(String name, String help, String... labels) {
        return get(name, () -> Counter.builder().name(name).help(help).labelNames(labels).register(registry));
    }

    public Gauge gauge(String name, String help, String... labels) {
        return get(name, () -> Gauge.builder().name(name).help(help).labelNames(labels).register(registry));
    }

    public Histogram timer(String name, String help, String... labels) {
        return get(name, () -> Histogram.builder().name(name).help(help)
                .classicUpperBounds(LATENCY_BUCKETS).labelNames(labels).register(registry));
    }

    @SuppressWarnings("unchecked")
    private <M extends Metric> M get(String name, Supplier<M> create) {
        return (M) metrics.computeIfAbsent(name, n -> create.get());
    }

    /** A view that prefixes names with {@code parley_<module>_}. */
    public ModuleMetrics forModule(String module) {
        String prefix = "parley_" + module.replace('-', '_') + "_";
        return new ModuleMetrics() {
            @Override
            public Counter counter(String name, String help, String... labelNames) {
                return ServerMetrics.this.counter(prefix + name, help, labelNames);
            }

            @Override
            public Gauge gauge(String name, String help, String... labelNames) {
                return ServerMetrics.this.gauge(prefix + name, help, labelNames);
            }

            @Override
            public Histogram timer(String name, String help, String... labelNames) {
                return ServerMetrics.this.timer(prefix + name, help, labelNames);
            }
        };
    }
}
