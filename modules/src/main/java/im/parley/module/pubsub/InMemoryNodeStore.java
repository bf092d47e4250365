package im.parley.module.pubsub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Nodes and items in memory, for tests and servers without a database. One lock: simple and short. */
public final class InMemoryNodeStore implements NodeStore {
    /** Per service, per node name: the node and its items in publication order (oldest first). */
    private final Map<String, TreeMap<String, Entry>> services = new java.util.HashMap<>();

    private static final class Entry {
        private Node node;
        private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();

        Entry(Node node) {
            this.node = node;
        }
    }

    private Entry entry(String service, String node) {
        TreeMap<String, Entry> nodes = services.get(service);
        return nodes == null ? null : nodes.get(node);
    }

    @Override
    public synchronized Optional<Node> node(String service, String node) {
        Entry e = entry(service, node);
        return e == null ? Optional.empty() : Optional.of(e.node);
    }

    @Override
    public synchronized List<Node> nodes(String service) {
        TreeMap<String, Entry> nodes = services.get(service);
        return nodes == null ? List.of() : nodes.values().stream().map(e -> e.node).toList();
    }

    @Override
    public synchronized Created create(Node node, int maxNodes) {
        TreeMap<String, Entry> nodes = services.computeIfAbsent(node.service(), s -> new TreeMap<>());
        if (nodes.containsKey(node.node())) {
            return Created.EXISTS;
        }
        if (nodes.size() >= maxNodes) {
            return Created.TOO_MANY;
        }
        nodes.put(node.node(), new Entry(node));
        return Created.CREATED;
    }

    @Override
    public synchronized boolean update(Node node) {
        Entry e = entry(node.service(), node.node());
        if (e == null) {
            return false;
        }
        e.node = node;
        return true;
    }

    @Override
    public synchronized boolean delete(String service, String node) {
        TreeMap<String, Entry> nodes = services.get(service);
        return nodes != null && nodes.remove(node) != null;
    }

    @Override
    public synchronized void deleteService(String service) {
        services.remove(service);
    }

    @Override
    public synchronized boolean publish(String service, String node, Item item, int maxItems) {
        Entry e = entry(service, node);
        if (e == null) {
            return false;
        }
        e.items.remove(item.id());
        e.items.put(item.id(), item);
        var oldest = e.items.keySet().iterator();
        for (int excess = e.items.size() - maxItems; excess > 0; excess--) {
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized List<Item> items(String service, String node, int max) {
        Entry e = entry(service, node);
        if (e == null) {
            return List.of();
        }
        List<Item> all = new ArrayList<>(e.items.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    @Override
    public synchronized List<Item> items(String service, String node, Collection<String> ids) {
        Entry e = entry(service, node);
        if (e == null) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(ids);
        return e.items.values().stream().filter(i -> wanted.contains(i.id())).toList();
    }

    @Override
    public synchronized boolean retract(String service, String node, String id) {
        Entry e = entry(service, node);
        return e != null && e.items.remove(id) != null;
    }

    @Override
    public synchronized void purge(String service, String node) {
        Entry e = entry(service, node);
        if (e != null) {
            e.items.clear();
        }
    }
}
