package im.parley.api.routing;

/**
 * Which full JIDs are bound and where. The single-node implementation is a map; the cluster
 * implementation replicates it, each node writing only its own sessions' routes.
 */
public interface RoutingTable extends SessionDirectory {

    /** Adds or replaces the route of a full JID. */
    void put(Route route);

    /** Removes a route, unless the full JID has been bound again by another stream since. */
    void remove(Route route);
}
