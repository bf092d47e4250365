package im.parley.api.routing;

import java.util.Set;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Where a bound resource lives and what its presence says, as the routing table knows it on
 * every node.
 *
 * @param address the full JID
 * @param node the cluster node holding the session ({@link #LOCAL_NODE} in single-node mode)
 * @param streamId the session's stream id, so that a replaced session cannot remove its successor's route
 * @param available whether the resource has sent available presence
 * @param priority its presence priority (RFC 6121 §4.7.2.3), 0 until it sends one
 * @param presence its last broadcast available presence, or null; shared, so copy it before changing it
 * @param flags markers modules set on the session for other nodes to see (for example "roster.interested")
 */
public record Route(JID address, String node, String streamId, boolean available, int priority,
                    Presence presence, Set<String> flags) {
    /** The node name used when the server runs alone. */
    public static final String LOCAL_NODE = "local";

    public Route {
        flags = Set.copyOf(flags);
    }

    public boolean flagged(String flag) {
        return flags.contains(flag);
    }
}
