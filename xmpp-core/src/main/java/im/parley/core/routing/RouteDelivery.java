package im.parley.core.routing;

import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.api.session.Sessions;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.Packet;

/** Hands stanzas to the session behind a route. */
public final class RouteDelivery {
    private final Sessions sessions;

    public RouteDelivery(Sessions sessions) {
        this.sessions = sessions;
    }

    /** Delivers to one route; returns false when its session is gone. */
    public boolean deliver(Route route, Packet stanza) {
        Optional<LocalSession> session = sessions.find(route.address());
        if (session.isEmpty()) {
            return false;
        }
        session.get().deliver(stanza);
        return true;
    }

    /** Delivers to several routes, each getting its own copy; returns how many took it. */
    public int deliver(List<Route> routes, Packet stanza) {
        int delivered = 0;
        for (int i = 0; i < routes.size(); i++) {
            Packet copy = i == routes.size() - 1 ? stanza : stanza.createCopy();
            if (deliver(routes.get(i), copy)) {
                delivered++;
            }
        }
        return delivered;
    }
}
