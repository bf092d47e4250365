package im.parley.s2s;

import im.parley.api.ModuleContext;
import im.parley.api.cluster.SharedMap;
import im.parley.api.metrics.ModuleMetrics;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The server streams of the whole cluster, for admins: each node lists its own in a shared map,
 * and drops a left node's rows when it reads them.
 */
final class Connections {
    private static final AtomicLong IDS = new AtomicLong();

    /** One stream as the admin view shows it. */
    record Row(String node, String direction, String local, String remote, String address, String auth,
               boolean tls, boolean bidi, Instant since) {
        String encode() {
            return String.join("\t", node, direction, local, remote, address, auth, Boolean.toString(tls),
                    Boolean.toString(bidi), since.toString());
        }

        static Row decode(String text) {
            String[] f = text.split("\t", -1);
            return new Row(f[0], f[1], f[2], f[3], f[4], f[5], Boolean.parseBoolean(f[6]), Boolean.parseBoolean(f[7]),
                    Instant.parse(f[8]));
        }
    }

    private final ModuleContext ctx;
    private final SharedMap shared;
    private final Gauge open;
    private final Map<String, Row> mine = new ConcurrentHashMap<>();

    Connections(ModuleContext ctx, ModuleMetrics metrics) {
        this.ctx = ctx;
        this.shared = ctx.cluster().map("s2s.connections");
        this.open = metrics.gauge("connections", "Authenticated server streams on this node", "direction");
    }

    /** A new key for a stream's row. */
    String newKey() {
        return ctx.cluster().localNode() + "/" + IDS.incrementAndGet();
    }

    /** Lists or updates a stream once it is authenticated for a domain pair. */
    void put(String key, Row row) {
        Row before = mine.put(key, row);
        if (before == null) {
            open.labelValues(row.direction()).inc();
        }
        shared.put(key, row.encode());
    }

    void remove(String key) {
        Row row = mine.remove(key);
        if (row != null) {
            open.labelValues(row.direction()).dec();
            shared.remove(key);
        }
    }

    /** Every node's streams, oldest first; rows of nodes no longer in the cluster are dropped. */
    List<Row> all() {
        Set<String> members = ctx.cluster().members().stream().map(m -> m.id()).collect(Collectors.toSet());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : shared.snapshot().entrySet()) {
            Row row = Row.decode(e.getValue());
            if (members.contains(row.node())) {
                rows.add(row);
            } else {
                shared.remove(e.getKey(), e.getValue());
            }
        }
        rows.sort(Comparator.comparing(Row::since));
        return rows;
    }

    /** Forgets this node's rows (module stop). */
    void clear() {
        List.copyOf(mine.keySet()).forEach(this::remove);
    }
}
