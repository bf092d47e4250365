package im.parley.core.routing;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.StanzaRoute;
import im.parley.api.account.Accounts;
import im.parley.api.routing.Route;
import im.parley.api.routing.Router;
import im.parley.api.routing.RoutingTable;
import im.parley.core.dispatch.StanzaChains;
import im.parley.core.session.ClientSession;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Presence from clients (RFC 6121 §4) and presence for local accounts (RFC 6121 §8.5). */
final class PresenceDelivery {
    private final StanzaChains chains;
    private final RoutingTable routes;
    private final RouteDelivery delivery;
    private final Accounts accounts;
    private final Router router;
    private final Bounces bounces;

    PresenceDelivery(StanzaChains chains, RoutingTable routes, RouteDelivery delivery, Accounts accounts,
                     Router router, Bounces bounces) {
        this.chains = chains;
        this.routes = routes;
        this.delivery = delivery;
        this.accounts = accounts;
        this.router = router;
        this.bounces = bounces;
    }

    /** A presence a local client sent: broadcast presence updates the session, then modules and routing take it. */
    void fromClient(Presence presence, ClientSession session) {
        if (presence.getTo() == null) {
            Presence.Type type = presence.getType();
            if (type != null && type != Presence.Type.unavailable) {
                return; // subscription states and probes need an addressee
            }
            session.updatePresence(presence);
        }
        try {
            if (chains.handle(StanzaRoute.PRESENCE_FROM_CLIENT, presence, session)) {
                return;
            }
        } catch (StanzaException e) {
            bounces.bounce(presence, e);
            return;
        }
        if (presence.getTo() != null) {
            router.route(presence);
        }
    }

    /** A presence addressed to a local domain or account. */
    void dispatch(Presence presence, Origin origin) {
        JID to = presence.getTo();
        if (to == null) {
            return;
        }
        try {
            if (to.getNode() == null) {
                chains.handle(StanzaRoute.PRESENCE_TO_SERVER, presence, origin);
                return;
            }
            List<Route> all = routes.routes(to);
            if (all.isEmpty() && !accounts.exists(to.asBareJID())) {
                return; // RFC 6121 §8.5.1: silently ignored
            }
            if (!chains.handle(StanzaRoute.PRESENCE_TO_ACCOUNT, presence, origin)) {
                deliver(presence, to, all);
            }
        } catch (StanzaException e) {
            bounces.bounce(presence, e);
        }
    }

    private void deliver(Presence presence, JID to, List<Route> all) {
        Presence.Type type = presence.getType();
        boolean subscription = type == Presence.Type.subscribe || type == Presence.Type.subscribed
                || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed;
        if (to.getResource() != null) {
            Optional<Route> route = routes.route(to);
            if (route.isPresent()) {
                delivery.deliver(route.get(), presence);
                return;
            }
            if (!subscription) {
                return; // RFC 6121 §8.5.3.2.2
            }
        }
        if (type == Presence.Type.probe || type == Presence.Type.error) {
            return; // probes are answered by the server's presence logic, not by clients
        }
        List<Route> targets = all.stream()
                .filter(r -> r.available() && (!subscription || r.priority() >= 0))
                .toList();
        delivery.deliver(targets, presence);
    }
}
