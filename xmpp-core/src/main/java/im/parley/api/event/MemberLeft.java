package im.parley.api.event;

import im.parley.api.cluster.ClusterMember;
import im.parley.api.routing.Route;
import java.util.List;

/**
 * A node left the cluster or died; its sessions are gone.
 *
 * @param member the node
 * @param routes the routes its sessions had, already removed from the routing table
 * @param cleanup true on exactly one surviving node (the oldest), which tells contacts on behalf
 *                of the lost sessions; state every node keeps for itself is cleaned on every node
 */
public record MemberLeft(ClusterMember member, List<Route> routes, boolean cleanup) implements ServerEvent {
}
