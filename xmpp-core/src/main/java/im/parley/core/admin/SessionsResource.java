package im.parley.core.admin;

import im.parley.api.admin.AdminException;
import im.parley.api.admin.AdminRequest;
import im.parley.api.admin.AdminResource;
import im.parley.api.admin.AdminResponse;
import im.parley.api.routing.Route;
import im.parley.api.routing.SessionDirectory;
import im.parley.core.routing.RouteDelivery;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/**
 * {@code /api/v1/sessions}: GET lists the cluster's bound resources ({@code ?user=} for one
 * account's), DELETE {@code /sessions/<full jid>} disconnects one, wherever it is, with a
 * policy-violation stream error and an optional {@code ?reason=}.
 */
final class SessionsResource implements AdminResource {
    private final SessionDirectory routes;
    private final RouteDelivery delivery;

    SessionsResource(SessionDirectory routes, RouteDelivery delivery) {
        this.routes = routes;
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        if (request.is("GET", 0)) {
            String user = request.query().get("user");
            List<Map<String, Object>> sessions = (user == null ? List.copyOf(routes.all()) : routes.routes(jid(user)))
                    .stream().sorted(Comparator.comparing(r -> r.address().toString())).map(SessionsResource::row).toList();
            return AdminResponse.ok(Map.of("count", sessions.size(), "sessions", sessions));
        }
        if ("DELETE".equals(request.method()) && !request.path().isEmpty()) {
            // A full JID's resource follows a slash: the rest of the path is the address.
            JID full = jid(String.join("/", request.path()));
            Optional<Route> route = full.getResource() == null ? Optional.empty() : routes.route(full);
            if (route.isEmpty()) {
                throw AdminException.notFound("no session " + full + " (give the full JID with its resource)");
            }
            String reason = request.query().getOrDefault("reason", "disconnected by an administrator");
            delivery.close(route.get(), new StreamError(StreamError.Condition.policy_violation, reason, "en"));
            return AdminResponse.noContent();
        }
        throw AdminException.notAllowed(request);
    }

    private static JID jid(String text) throws AdminException {
        try {
            return new JID(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("'" + text + "' is not a valid JID");
        }
    }

    private static Map<String, Object> row(Route r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("jid", r.address().toString());
        row.put("node", r.node());
        row.put("available", r.available());
        row.put("priority", r.priority());
        String show = r.presence() == null || r.presence().getShow() == null ? null : r.presence().getShow().name();
        row.put("show", show);
        return row;
    }
}
