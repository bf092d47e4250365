package im.parley.core.routing;

import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** The routing table of a server running alone: a map from bare JID to its resources' routes. */
public final class LocalRoutingTable implements RoutingTable {
    private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();

    @Override
    public void put(Route route) {
        routes.computeIfAbsent(route.address().toBareJID(), b -> new ConcurrentHashMap<>())
                .put(route.address().getResource(), route);
    }

    @Override
    public void remove(Route route) {
        routes.computeIfPresent(route.address().toBareJID(), (bare, resources) -> {
            resources.computeIfPresent(route.address().getResource(),
                    (r, existing) -> existing.streamId().equals(route.streamId()) ? null : existing);
            return resources.isEmpty() ? null : resources;
        });
    }

    @Override
    public Optional<Route> route(JID full) {
        Map<String, Route> resources = routes.get(full.toBareJID());
        return resources == null || full.getResource() == null ? Optional.empty()
                : Optional.ofNullable(resources.get(full.getResource()));
    }

    @Override
    public List<Route> routes(JID bare) {
        Map<String, Route> resources = routes.get(bare.toBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public Collection<Route> all() {
        List<Route> all = new ArrayList<>();
        routes.values().forEach(r -> all.addAll(r.values()));
        return all;
    }
}
