package im.parley.core.session;

import im.parley.api.routing.Route;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * What a session publishes about itself in the routing table: availability, priority, its last
 * broadcast presence and the flags modules set. One writer (the session's worker) at a time.
 */
final class RouteState {
    private final Set<String> flags = ConcurrentHashMap.newKeySet();
    private volatile boolean available;
    private volatile int priority;
    private volatile Presence presence;

    boolean available() {
        return available;
    }

    int priority() {
        return priority;
    }

    Presence presence() {
        return presence;
    }

    /**
     * Records a broadcast presence (RFC 6121 §4.2, §4.5); returns whether it made the session
     * available for the first time, or null when the presence does not change routing.
     */
    Boolean update(Presence update) {
        if (update.getType() == null) {
            boolean initial = !available;
            available = true;
            priority = update.getPriority();
            presence = update.createCopy();
            return initial;
        }
        if (update.getType() == Presence.Type.unavailable) {
            available = false;
            presence = update.createCopy();
            return false;
        }
        return null;
    }

    /** Sets or clears a flag; returns whether that changed anything. */
    boolean flag(String flag, boolean on) {
        return on ? flags.add(flag) : flags.remove(flag);
    }

    boolean flagged(String flag) {
        return flags.contains(flag);
    }

    Route route(JID address, String node, String streamId) {
        Presence shown = available ? presence : null;
        return new Route(address, node, streamId, available, priority, shown, Set.copyOf(flags));
    }
}
