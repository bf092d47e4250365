package im.parley.api.routing;

import org.xmpp.packet.JID;

/**
 * Where a bound resource lives and what its presence says, as the routing table knows it.
 *
 * @param address the full JID
 * @param node the cluster node holding the session ({@link #LOCAL_NODE} in single-node mode)
 * @param streamId the session's stream id, so that a replaced session cannot remove its successor's route
 * @param available whether the resource has sent available presence
 * @param priority its presence priority (RFC 6121 §4.7.2.3), 0 until it sends one
 */
public record Route(JID address, String node, String streamId, boolean available, int priority) {
    /** The node name used when the server runs alone. */
    public static final String LOCAL_NODE = "local";
}
