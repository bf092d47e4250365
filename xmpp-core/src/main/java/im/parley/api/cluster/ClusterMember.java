package im.parley.api.cluster;

/**
 * A node of the cluster.
 *
 * @param id the node's id, as {@link im.parley.api.routing.Route#node()} names it; new each time a node starts
 * @param address where its cluster endpoint listens (host:port), for admins
 * @param local whether it is this node
 */
public record ClusterMember(String id, String address, boolean local) {
}
