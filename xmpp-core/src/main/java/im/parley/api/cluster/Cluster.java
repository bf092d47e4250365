package im.parley.api.cluster;

import im.parley.api.routing.RoutingTable;

/**
 * The seam where a cluster plugs into the core: the session directory, the node-to-node
 * transport and membership. The composition root picks the single-node or the Hazelcast
 * implementation once at boot.
 */
public interface Cluster extends ClusterView, AutoCloseable {

    /** The session directory: every node's bound resources. */
    RoutingTable routingTable();

    /**
     * Sends a message to another node, without waiting. Messages that one node sends to another
     * over a live connection are received in the order they were sent, so a sender's stanzas keep
     * their order across nodes. Like a TCP stream it is best effort: messages in flight when the
     * connection between two nodes breaks may be lost (durable delivery is stream management's job).
     *
     * @return false when the node is not a member (any more) and the message was dropped
     */
    boolean send(String node, NodeMessage message);

    /** What keeps this node from serving as a full member now (readiness), or empty when all is well. */
    default java.util.Optional<String> problem() {
        return java.util.Optional.empty();
    }

    /** Starts delivering messages and membership changes; called once, when the server is ready for them. */
    void start(ClusterListener listener);

    /** Leaves the cluster. */
    @Override
    void close();
}
