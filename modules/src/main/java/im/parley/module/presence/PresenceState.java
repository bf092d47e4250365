package im.parley.module.presence;

import im.parley.api.routing.Route;
import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/** What the presence module remembers per session: directed presence recipients and invisibility. */
final class PresenceState {
    /** Entities that got directed available presence from the session (RFC 6121 §4.6). */
    static final SessionKey<Set<JID>> DIRECTED = SessionKey.of("presence.directed");
    /** The session has broadcast available presence and not yet unavailable. */
    static final SessionKey<Boolean> ONLINE = SessionKey.of("presence.online");
    /** The session chose invisibility (XEP-0186); a route flag, so every node knows. */
    static final String INVISIBLE = "presence.invisible";

    private PresenceState() {
    }

    static Set<JID> directed(LocalSession session) {
        Set<JID> set = session.get(DIRECTED);
        if (set == null) {
            set = ConcurrentHashMap.newKeySet();
            session.set(DIRECTED, set);
        }
        return set;
    }

    static boolean invisible(LocalSession session) {
        return session.flagged(INVISIBLE);
    }

    /** Whether contacts may see this resource, on whichever node it is, as available. */
    static boolean visiblyAvailable(Route route) {
        return route.available() && route.presence() != null && !route.flagged(INVISIBLE);
    }
}
