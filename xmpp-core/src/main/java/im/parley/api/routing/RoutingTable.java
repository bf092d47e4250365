package im.parley.api.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Which full JIDs are bound and where. The single-node implementation is a map; the cluster
 * implementation replicates it.
 */
public interface RoutingTable {

    /** Adds or replaces the route of a full JID. */
    void put(Route route);

    /** Removes a route, unless the full JID has been bound again by another stream since. */
    void remove(Route route);

    /** The route of one full JID. */
    Optional<Route> route(JID full);

    /** All routes of a bare JID's resources. */
    List<Route> routes(JID bare);

    /** Every route; for admin views, not for stanza delivery. */
    Collection<Route> all();
}
