package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.pubsub.Affiliation;
import im.parley.module.pubsub.NodeConfig;
import im.parley.module.pubsub.NodeStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeStore} must do, run against each backend by a subclass. Each test uses
 * services in a domain of its own, so tests can share a database with other data in it.
 */
abstract class NodeStoreContract {
    private final String domain = "d" + UUID.randomUUID().toString().replace("-", "") + ".test";
    private final String romeo = "romeo@" + domain;
    private final String juliet = "juliet@" + domain;
    private final String component = "pubsub." + domain;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    protected abstract NodeStore store();

    @AfterEach
    void deleteTestServices() {
        for (String service : List.of(romeo, juliet, component)) {
            store().deleteService(service);
        }
    }

    private NodeStore.Node node(String service, String name) {
        return new NodeStore.Node(service, name, NodeConfig.defaults(service.contains("@")), Map.of(), Map.of());
    }

    private NodeStore.Item item(String id, String text) {
        return new NodeStore.Item(id, romeo, now, text == null ? null : "<e xmlns=\"urn:example\">" + text + "</e>");
    }

    private List<String> ids(List<NodeStore.Item> items) {
        return items.stream().map(NodeStore.Item::id).toList();
    }

    @Test
    void aCreatedNodeComesBackWithItsConfigurationAffiliationsAndSubscriptions() throws Exception {
        NodeConfig config = NodeConfig.defaults(false).with("access_model", List.of("whitelist"))
                .with("roster_groups_allowed", List.of("Friends", "Family")).with("title", List.of("Über ∑ news"));
        NodeStore.Node node = new NodeStore.Node(component, "news/üñí", config,
                Map.of(romeo, Affiliation.OWNER, juliet, Affiliation.MEMBER), Map.of(juliet + "/balcony", "sub-1"));
        assertEquals(NodeStore.Created.CREATED, store().create(node, 10));
        assertEquals(node, store().node(component, "news/üñí").orElseThrow());
        assertTrue(store().node(component, "other").isEmpty());
        assertTrue(store().node(romeo, "news/üñí").isEmpty());
    }

    @Test
    void createRefusesAnExistingNodeAndOneBeyondTheLimit() {
        assertEquals(NodeStore.Created.CREATED, store().create(node(romeo, "a"), 2));
        assertEquals(NodeStore.Created.EXISTS, store().create(node(romeo, "a"), 2));
        assertEquals(NodeStore.Created.CREATED, store().create(node(romeo, "b"), 2));
        assertEquals(NodeStore.Created.TOO_MANY, store().create(node(romeo, "c"), 2));
        assertEquals(NodeStore.Created.CREATED, store().create(node(juliet, "c"), 2));
        assertEquals(List.of("a", "b"), store().nodes(romeo).stream().map(NodeStore.Node::node).toList());
    }

    @Test
    void updateReplacesConfigurationAffiliationsAndSubscriptions() throws Exception {
        store().create(node(romeo, "n"), 10);
        NodeStore.Node changed = node(romeo, "n").withConfig(NodeConfig.defaults(true).with("max_items", List.of("max")))
                .withAffiliations(Map.of(juliet, Affiliation.MEMBER)).withSubscriptions(Map.of(juliet, "s"));
        assertTrue(store().update(changed));
        assertEquals(changed, store().node(romeo, "n").orElseThrow());
        assertFalse(store().update(node(romeo, "missing")));
    }

    @Test
    void publishKeepsTheNewestItemsUpToTheLimitOldestFirst() {
        store().create(node(romeo, "n"), 10);
        for (String id : List.of("a", "b", "c")) {
            assertTrue(store().publish(romeo, "n", item(id, id), 2));
        }
        assertEquals(List.of("b", "c"), ids(store().items(romeo, "n", 10)));
        assertEquals(List.of("c"), ids(store().items(romeo, "n", 1)));
        assertEquals(item("c", "c"), store().items(romeo, "n", 1).get(0));
    }

    @Test
    void republishingAnIdReplacesTheItemAndMakesItTheNewest() {
        store().create(node(romeo, "n"), 10);
        store().publish(romeo, "n", item("a", "1"), 10);
        store().publish(romeo, "n", item("b", "2"), 10);
        store().publish(romeo, "n", item("a", "3"), 10);
        assertEquals(List.of("b", "a"), ids(store().items(romeo, "n", 10)));
        assertEquals(item("a", "3"), store().items(romeo, "n", Set.of("a")).get(0));
    }

    @Test
    void itemsByIdReturnOnlyThoseThatExist() {
        store().create(node(romeo, "n"), 10);
        store().publish(romeo, "n", item("a", "1"), 10);
        store().publish(romeo, "n", item("b", null), 10);
        List<NodeStore.Item> found = store().items(romeo, "n", List.of("b", "zz", "a"));
        assertEquals(List.of("a", "b"), ids(found));
        assertEquals(null, found.get(1).payload());
        assertEquals(List.of(), store().items(romeo, "missing", List.of("a")));
    }

    @Test
    void retractPurgeAndDelete() {
        store().create(node(romeo, "n"), 10);
        store().publish(romeo, "n", item("a", "1"), 10);
        store().publish(romeo, "n", item("b", "2"), 10);
        assertTrue(store().retract(romeo, "n", "a"));
        assertFalse(store().retract(romeo, "n", "a"));
        assertEquals(List.of("b"), ids(store().items(romeo, "n", 10)));
        store().purge(romeo, "n");
        assertEquals(List.of(), store().items(romeo, "n", 10));
        store().publish(romeo, "n", item("c", "3"), 10);
        assertTrue(store().delete(romeo, "n"));
        assertFalse(store().delete(romeo, "n"));
        assertTrue(store().node(romeo, "n").isEmpty());
        assertFalse(store().publish(romeo, "n", item("d", "4"), 10), "no node, no publish");
        // A node made again under the same name starts empty.
        store().create(node(romeo, "n"), 10);
        assertEquals(List.of(), store().items(romeo, "n", 10));
    }

    @Test
    void deletingAServiceLeavesOthersAlone() {
        store().create(node(romeo, "n"), 10);
        store().create(node(juliet, "n"), 10);
        store().publish(juliet, "n", item("j", "1"), 10);
        store().deleteService(romeo);
        assertEquals(List.of(), store().nodes(romeo));
        assertEquals(List.of("j"), ids(store().items(juliet, "n", 10)));
    }

    @Test
    void longNamesAndLargePayloadsRoundTrip() {
        String name = "ü".repeat(NodeStore.MAX_NAME_BYTES / 2);
        store().create(node(romeo, name), 10);
        String big = "x".repeat(500_000);
        store().publish(romeo, name, item(name, big), 10);
        assertEquals(item(name, big), store().items(romeo, name, 1).get(0));
    }
}
