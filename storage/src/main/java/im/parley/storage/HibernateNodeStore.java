package im.parley.storage;

import im.parley.module.pubsub.NodeStore;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Pubsub nodes and items in the database, in {@code pubsub_nodes} and {@code pubsub_items}. Every
 * write to a node's items first locks the node's row, so that publications to one node run one
 * after the other on every cluster node and the trim to max_items always sees the latest item.
 */
final class HibernateNodeStore implements NodeStore {
    private static final String NODE = "from PubSubNode n where n.serviceHash = :service and n.nodeHash = :node";

    private final SessionFactory sessions;

    HibernateNodeStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    private static Optional<PubSubNodeEntity> find(Session s, String service, String node, LockModeType lock) {
        return s.createSelectionQuery(NODE, PubSubNodeEntity.class)
                .setParameter("service", InboxConversationEntity.ownerHash(service))
                .setParameter("node", InboxConversationEntity.ownerHash(node))
                .setLockMode(lock)
                .uniqueResultOptional();
    }

    @Override
    public Optional<Node> node(String service, String node) {
        return sessions.fromTransaction(s -> find(s, service, node, LockModeType.NONE).map(PubSubNodeEntity::toNode));
    }

    @Override
    public List<Node> nodes(String service) {
        List<Node> nodes = new ArrayList<>(sessions.fromTransaction(s -> s.createSelectionQuery(
                        "from PubSubNode n where n.serviceHash = :service", PubSubNodeEntity.class)
                .setParameter("service", InboxConversationEntity.ownerHash(service))
                .getResultList()).stream().map(PubSubNodeEntity::toNode).toList());
        nodes.sort(java.util.Comparator.comparing(Node::node));
        return Collections.unmodifiableList(nodes);
    }

    @Override
    public Created create(Node node, int maxNodes) {
        try {
            return sessions.fromTransaction(s -> {
                if (find(s, node.service(), node.node(), LockModeType.NONE).isPresent()) {
                    return Created.EXISTS;
                }
                long count = s.createSelectionQuery("select count(*) from PubSubNode n where n.serviceHash = :service", Long.class)
                        .setParameter("service", InboxConversationEntity.ownerHash(node.service()))
                        .getSingleResult();
                if (count >= maxNodes) {
                    return Created.TOO_MANY;
                }
                s.persist(new PubSubNodeEntity(node));
                return Created.CREATED;
            });
        } catch (RuntimeException e) {
            // The unique key refused a node that a concurrent create made first.
            if (WriteConflicts.isConflict(e) || node(node.service(), node.node()).isPresent()) {
                return Created.EXISTS;
            }
            throw e;
        }
    }

    @Override
    public boolean update(Node node) {
        return sessions.fromTransaction(s -> find(s, node.service(), node.node(), LockModeType.PESSIMISTIC_WRITE)
                .map(row -> {
                    row.set(node);
                    return true;
                }).orElse(false));
    }

    @Override
    public boolean delete(String service, String node) {
        return sessions.fromTransaction(s -> find(s, service, node, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            deleteItems(s, row.id());
            s.remove(row);
            return true;
        }).orElse(false));
    }

    @Override
    public void deleteService(String service) {
        sessions.inTransaction(s -> {
            byte[] hash = InboxConversationEntity.ownerHash(service);
            s.createMutationQuery("delete from PubSubItem i where i.nodeId in "
                            + "(select n.id from PubSubNode n where n.serviceHash = :service)")
                    .setParameter("service", hash).executeUpdate();
            s.createMutationQuery("delete from PubSubNode n where n.serviceHash = :service")
                    .setParameter("service", hash).executeUpdate();
        });
    }

    private static void deleteItems(Session s, Long nodeId) {
        s.createMutationQuery("delete from PubSubItem i where i.nodeId = :node").setParameter("node", nodeId).executeUpdate();
    }

    @Override
    public boolean publish(String service, String node, Item item, int maxItems) {
        return sessions.fromTransaction(s -> find(s, service, node, LockModeType.PESSIMISTIC_WRITE).map(row -> {
            s.createMutationQuery("delete from PubSubItem i where i.nodeId = :node and i.itemHash = :item")
                    .setParameter("node", row.id())
                    .setParameter("item", InboxConversationEntity.ownerHash(item.id()))
                    .executeUpdate();
            s.persist(new PubSubItemEntity(row.id(), item));
            s.flush();
            List<Long> excess = s.createSelectionQuery(
                            "select i.seq from PubSubItem i where i.nodeId = :node order by i.seq desc", Long.class)
                    .setParameter("node", row.id())
                    .setFirstResult(maxItems)
                    .getResultList();
            if (!excess.isEmpty()) {
                s.createMutationQuery("delete from PubSubItem i where i.seq in :seqs").setParameterList("seqs", excess).executeUpdate();
            }
            return true;
        }).orElse(false));
    }

    @Override
    public List<Item> items(String service, String node, int max) {
        if (max <= 0) {
            return List.of();
        }
        List<Item> newestFirst = sessions.fromTransaction(s -> find(s, service, node, LockModeType.NONE)
                .map(row -> s.createSelectionQuery("from PubSubItem i where i.nodeId = :node order by i.seq desc",
                                PubSubItemEntity.class)
                        .setParameter("node", row.id())
                        .setMaxResults(max)
                        .getResultList().stream().map(PubSubItemEntity::toItem).toList())
                .orElse(List.of()));
        List<Item> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return List.copyOf(oldestFirst);
    }

    @Override
    public List<Item> items(String service, String node, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<byte[]> hashes = ids.stream().distinct().map(InboxConversationEntity::ownerHash).toList();
        return sessions.fromTransaction(s -> find(s, service, node, LockModeType.NONE)
                .map(row -> s.createSelectionQuery("from PubSubItem i where i.nodeId = :node and i.itemHash in :items "
                                + "order by i.seq", PubSubItemEntity.class)
                        .setParameter("node", row.id())
                        .setParameterList("items", hashes)
                        .getResultList().stream().map(PubSubItemEntity::toItem).toList())
                .orElse(List.of()));
    }

    @Override
    public boolean retract(String service, String node, String id) {
        return sessions.fromTransaction(s -> find(s, service, node, LockModeType.PESSIMISTIC_WRITE)
                .map(row -> s.createMutationQuery("delete from PubSubItem i where i.nodeId = :node and i.itemHash = :item")
                        .setParameter("node", row.id())
                        .setParameter("item", InboxConversationEntity.ownerHash(id))
                        .executeUpdate() > 0)
                .orElse(false));
    }

    @Override
    public void purge(String service, String node) {
        sessions.inTransaction(s -> find(s, service, node, LockModeType.PESSIMISTIC_WRITE).ifPresent(row -> deleteItems(s, row.id())));
    }
}
