package im.parley.api.cluster;

import im.parley.api.routing.Route;
import java.util.List;

/** How a {@link Cluster} tells the core what arrives and who comes and goes. */
public interface ClusterListener {

    /** A message another node sent to this one, in the order that node sent them. */
    void received(NodeMessage message);

    void memberJoined(ClusterMember member);

    /**
     * A node left or died. Its routes are already gone from the routing table; they are given
     * here so the server can tell its users' contacts.
     */
    void memberLeft(ClusterMember member, List<Route> routes);

    /**
     * This node merged back into the cluster after a split brain and has re-published its own
     * routes. While split, each side told its users that the other side's users had gone.
     */
    void merged();
}
