package im.parley.module.presence;

import im.parley.api.ModuleContext;
import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.module.roster.Rosters;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Sends a client's presence where RFC 6121 §4 says: broadcasts to subscribed contacts and the
 * user's other resources, directed presence to its addressee (remembered for the final
 * unavailable), and unavailable presence to all of them when the user goes offline.
 */
final class PresenceBroadcast {
    private final ModuleContext ctx;
    private final LastActivity lastActivity;
    private final PresenceRate rate;

    PresenceBroadcast(ModuleContext ctx, LastActivity lastActivity, PresenceRate rate) {
        this.ctx = ctx;
        this.lastActivity = lastActivity;
        this.rate = rate;
    }

    private List<JID> subscribers(JID user) {
        return ctx.service(Rosters.class).map(r -> r.presenceSubscribers(user)).orElse(List.of());
    }

    /** Handles presence from a client; consumes broadcasts and probes, leaves directed presence to the router. */
    boolean fromClient(Packet stanza, Origin origin) throws StanzaException {
        Presence p = (Presence) stanza;
        LocalSession session = origin.session().orElse(null);
        if (session == null) {
            return false;
        }
        Presence.Type type = p.getType();
        // Only broadcasts fan out to every contact; a directed presence has one recipient (a room
        // limits joins itself), so entering many rooms at login is not a flood.
        if (p.getTo() == null && (type == null || type == Presence.Type.unavailable) && !rate.allow(session)) {
            // The final unavailable of a session still goes out when it closes (sessionEnded).
            throw StanzaException.policyViolation("too many presence updates; slow down");
        }
        if (p.getTo() != null) {
            if (type == Presence.Type.probe) {
                return true; // RFC 6121 §4.3: probes are the server's business, not the client's
            }
            if (type == null) {
                PresenceState.directed(session).add(p.getTo());
            } else if (type == Presence.Type.unavailable) {
                PresenceState.directed(session).remove(p.getTo());
            }
            return false;
        }
        if (type == null) {
            session.set(PresenceState.ONLINE, Boolean.TRUE);
            broadcast(session, p, !PresenceState.invisible(session));
        } else if (type == Presence.Type.unavailable && session.get(PresenceState.ONLINE) != null) {
            // Only the first unavailable after being available is news (clients often repeat it at logout).
            session.set(PresenceState.ONLINE, null);
            wentOffline(session, p);
        }
        return true;
    }

    /** RFC 6121 §4.2.2, §4.4.2: to contacts with a subscription from the user, and to the user's other resources. */
    void broadcast(LocalSession session, Presence presence, boolean toContacts) {
        JID user = session.address().asBareJID();
        if (toContacts) {
            for (JID contact : subscribers(user)) {
                send(presence, session.address(), contact);
            }
        }
        toOwnResources(session.address(), presence);
    }

    /** The user's other available resources, on any node, see a resource's presence. */
    private void toOwnResources(JID resource, Presence presence) {
        for (Route other : ctx.routes().routes(resource.asBareJID())) {
            if (!other.address().equals(resource) && other.available()) {
                send(presence, resource, other.address());
            }
        }
    }

    /** Sends a presence of the session to the user's subscribed contacts only. */
    void toContacts(LocalSession session, Presence presence) {
        for (JID contact : subscribers(session.address().asBareJID())) {
            send(presence, session.address(), contact);
        }
    }

    /** RFC 6121 §4.5.2: unavailable presence goes to contacts, other resources and directed recipients. */
    void wentOffline(LocalSession session, Presence unavailable) {
        JID user = session.address().asBareJID();
        Set<JID> sent = new HashSet<>();
        boolean invisible = PresenceState.invisible(session);
        if (!invisible) {
            for (JID contact : subscribers(user)) {
                send(unavailable, session.address(), contact);
                sent.add(contact);
            }
        }
        for (JID recipient : PresenceState.directed(session)) {
            if (!sent.contains(recipient.asBareJID())) {
                send(unavailable, session.address(), recipient);
            }
        }
        PresenceState.directed(session).clear();
        broadcast(session, unavailable, false);
        recordIfLast(session.address(), unavailable.getStatus());
    }

    private void recordIfLast(JID resource, String status) {
        JID user = resource.asBareJID();
        if (ctx.routes().routes(user).stream()
                .noneMatch(r -> !r.address().equals(resource) && PresenceState.visiblyAvailable(r))) {
            lastActivity.record(user, status);
        }
    }

    /**
     * A resource whose node died (RFC 6121 §4.5.2, said on its behalf): its contacts and the
     * user's other resources see it go. Its directed presence recipients died with the node's memory.
     */
    void lost(Route route) {
        if (!route.available()) {
            return;
        }
        Presence unavailable = new Presence(Presence.Type.unavailable);
        if (PresenceState.visiblyAvailable(route)) {
            for (JID contact : subscribers(route.address().asBareJID())) {
                send(unavailable, route.address(), contact);
            }
            recordIfLast(route.address(), null);
        }
        toOwnResources(route.address(), unavailable);
    }

    /** A session ended without saying unavailable (RFC 6121 §4.5.2: the server says it for the client). */
    void sessionEnded(LocalSession session) {
        if (session.get(PresenceState.ONLINE) != null) {
            session.set(PresenceState.ONLINE, null);
            Presence unavailable = new Presence(Presence.Type.unavailable);
            unavailable.setFrom(session.address());
            wentOffline(session, unavailable);
        }
    }

    void send(Presence presence, JID from, JID to) {
        Presence copy = presence.createCopy();
        copy.setFrom(from);
        copy.setTo(to);
        ctx.router().route(copy);
    }
}
