package im.parley.storage;

import im.parley.module.blocking.BlockListStore;
import im.parley.module.blocking.InMemoryBlockListStore;

/** The block list contract against the module's in-memory store, the reference the database stores must match. */
class InMemoryBlockListStoreTest extends BlockListStoreContract {
    private final BlockListStore store = new InMemoryBlockListStore();

    @Override
    protected BlockListStore store() {
        return store;
    }
}
