package im.parley.module.pubsub;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pubsub nodes and their items, of every service: each account's PEP service (named by the bare
 * JID) and the pubsub component (named by its domain). Writes to one node are atomic; the module
 * never keeps node state anywhere else, so every cluster node sees the same nodes.
 */
public interface NodeStore {
    /** Longest node name and item id, in UTF-8 bytes, that every store keeps; the engine refuses longer ones. */
    int MAX_NAME_BYTES = 1023;

    /** A node with its configuration, affiliations (bare JID to affiliation) and subscriptions (JID to subid). */
    record Node(String service, String node, NodeConfig config, Map<String, Affiliation> affiliations,
                Map<String, String> subscriptions) {
        public Node {
            affiliations = Map.copyOf(affiliations);
            subscriptions = Map.copyOf(subscriptions);
        }

        public Node withConfig(NodeConfig c) {
            return new Node(service, node, c, affiliations, subscriptions);
        }

        public Node withAffiliations(Map<String, Affiliation> a) {
            return new Node(service, node, config, a, subscriptions);
        }

        public Node withSubscriptions(Map<String, String> s) {
            return new Node(service, node, config, affiliations, s);
        }

        public Affiliation affiliation(String bareJid) {
            return affiliations.getOrDefault(bareJid, Affiliation.NONE);
        }
    }

    /**
     * A published item.
     *
     * @param payload the item's one child element as XML, or null for an item without payload
     */
    record Item(String id, String publisher, Instant published, String payload) {
    }

    /** What {@link #create} did. */
    enum Created { CREATED, EXISTS, TOO_MANY }

    Optional<Node> node(String service, String node);

    /** The service's nodes, by node name. */
    List<Node> nodes(String service);

    /** Creates a node unless it exists or the service already has {@code maxNodes} nodes. */
    Created create(Node node, int maxNodes);

    /** Replaces a node's configuration, affiliations and subscriptions; false when it no longer exists. */
    boolean update(Node node);

    /** Deletes a node with its items; false when there was none. */
    boolean delete(String service, String node);

    /** Deletes every node of a service (an account that is deleted). */
    void deleteService(String service);

    /**
     * Stores an item as the node's newest, replacing an item with the same id, then removes the
     * oldest items beyond {@code maxItems}. False when the node no longer exists.
     */
    boolean publish(String service, String node, Item item, int maxItems);

    /** The newest {@code max} items, oldest first. */
    List<Item> items(String service, String node, int max);

    /** The items with these ids that exist, oldest first. */
    List<Item> items(String service, String node, Collection<String> ids);

    /** Removes an item; false when the node had no item with the id. */
    boolean retract(String service, String node, String id);

    /** Removes every item of the node. */
    void purge(String service, String node);
}
