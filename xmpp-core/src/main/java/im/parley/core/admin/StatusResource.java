package im.parley.core.admin;

import im.parley.api.ServerInfo;
import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import im.parley.api.cluster.ClusterMember;
import im.parley.api.cluster.ClusterView;
import im.parley.api.routing.Route;
import im.parley.api.routing.SessionDirectory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code GET /api/v1/status}: version, uptime, domains, readiness, and the cluster's nodes with their sessions. */
final class StatusResource implements AdminResource {
    private final ServerInfo server;
    private final ClusterView cluster;
    private final SessionDirectory routes;
    private final Health health;

    StatusResource(ServerInfo server, ClusterView cluster, SessionDirectory routes, Health health) {
        this.server = server;
        this.cluster = cluster;
        this.routes = routes;
        this.health = health;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        if (!request.is("GET", 0)) {
            throw AdminException.notAllowed(request);
        }
        Map<String, Long> sessions = routes.all().stream().collect(Collectors.groupingBy(Route::node, Collectors.counting()));
        List<Map<String, Object>> nodes = cluster.members().stream().map(m -> node(m, sessions)).toList();
        Map<String, String> problems = health.problems();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("server", server.name());
        status.put("version", server.version());
        status.put("node", cluster.localNode());
        status.put("domains", server.domains());
        status.put("started", server.startedAt().toString());
        status.put("uptime_seconds", Duration.between(server.startedAt(), server.clock().instant()).toSeconds());
        status.put("ready", problems.isEmpty());
        status.put("problems", problems);
        status.put("sessions", sessions.values().stream().mapToLong(Long::longValue).sum());
        status.put("cluster", nodes);
        return AdminResponse.ok(status);
    }

    private static Map<String, Object> node(ClusterMember m, Map<String, Long> sessions) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", m.id());
        row.put("address", m.address());
        row.put("local", m.local());
        row.put("sessions", sessions.getOrDefault(m.id(), 0L));
        return row;
    }
}
