package im.parley.storage;

import im.parley.module.pubsub.InMemoryNodeStore;
import im.parley.module.pubsub.NodeStore;

/** The pubsub node contract against the module's in-memory store, the reference the database stores must match. */
class InMemoryNodeStoreTest extends NodeStoreContract {
    private final NodeStore store = new InMemoryNodeStore();

    @Override
    protected NodeStore store() {
        return store;
    }
}
