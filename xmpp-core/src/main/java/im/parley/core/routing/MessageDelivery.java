package im.parley.core.routing;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.StanzaRoute;
import im.parley.api.account.Accounts;
import im.parley.api.routing.Route;
import im.parley.api.routing.RoutingTable;
import im.parley.core.dispatch.StanzaChains;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/** Messages for local addresses, following RFC 6121 §8.5 where no module takes them first. */
final class MessageDelivery {
    private final StanzaChains chains;
    private final RoutingTable routes;
    private final RouteDelivery delivery;
    private final Accounts accounts;
    private final Bounces bounces;

    MessageDelivery(StanzaChains chains, RoutingTable routes, RouteDelivery delivery, Accounts accounts, Bounces bounces) {
        this.chains = chains;
        this.routes = routes;
        this.delivery = delivery;
        this.accounts = accounts;
        this.bounces = bounces;
    }

    void dispatch(Message message, Origin origin) {
        try {
            route(message, origin);
        } catch (StanzaException e) {
            bounces.bounce(message, e);
        }
    }

    private void route(Message message, Origin origin) throws StanzaException {
        JID to = message.getTo();
        if (to == null) {
            // RFC 6120 §10.3.1: a message without 'to' is for the sender's own account.
            if (origin.jid() == null) {
                return;
            }
            to = origin.jid().asBareJID();
            message.setTo(to);
        }
        Message.Type type = message.getType();
        if (to.getNode() == null) {
            if (!chains.handle(StanzaRoute.MESSAGE_TO_SERVER, message, origin) && type != Message.Type.headline) {
                bounces.bounce(message, PacketError.Condition.service_unavailable);
            }
            return;
        }
        if (to.getResource() != null) {
            Optional<Route> route = routes.route(to);
            if (route.isPresent() && delivery.deliver(route.get(), message)) {
                return;
            }
            // RFC 6121 §8.5.3.2.1: no such resource.
            switch (type) {
                case groupchat -> {
                    bounces.bounce(message, PacketError.Condition.service_unavailable);
                    return;
                }
                case headline, error -> {
                    return;
                }
                default -> {
                    // chat and normal are treated as addressed to the bare JID
                }
            }
        }
        List<Route> all = routes.routes(to);
        if (all.isEmpty() && !accounts.exists(to.asBareJID())) {
            // RFC 6121 §8.5.1: no such account.
            if (type != Message.Type.error && type != Message.Type.headline) {
                bounces.bounce(message, PacketError.Condition.service_unavailable);
            }
            return;
        }
        if (chains.handle(StanzaRoute.MESSAGE_TO_ACCOUNT, message, origin)) {
            return;
        }
        toAccount(message, origin, all);
    }

    /** RFC 6121 §8.5.2.1.1 (available resources) and §8.5.2.2.1 (none). */
    private void toAccount(Message message, Origin origin, List<Route> all) throws StanzaException {
        List<Route> available = all.stream().filter(r -> r.available() && r.priority() >= 0).toList();
        switch (message.getType()) {
            case error -> {
                return;
            }
            case groupchat -> {
                bounces.bounce(message, PacketError.Condition.service_unavailable);
                return;
            }
            case headline -> {
                delivery.deliver(available, message);
                return;
            }
            case chat -> {
                int top = available.stream().mapToInt(Route::priority).max().orElse(0);
                available = available.stream().filter(r -> r.priority() == top).toList();
            }
            default -> {
                // normal: every available resource with non-negative priority
            }
        }
        if (available.isEmpty() || delivery.deliver(available, message) == 0) {
            undeliverable(message, origin);
        }
    }

    private void undeliverable(Message message, Origin origin) throws StanzaException {
        if (!chains.handle(StanzaRoute.MESSAGE_UNDELIVERABLE, message, origin)) {
            // No offline storage took it: tell the sender (RFC 6121 §8.5.2.2.1 allows either).
            bounces.bounce(message, PacketError.Condition.service_unavailable);
        }
    }
}
