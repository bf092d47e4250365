package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import im.parley.module.offline.InMemoryOfflineStore;

/** The offline message contract against the in-memory store, the reference the database stores must match. */
class InMemoryOfflineStoreTest extends OfflineStoreContract {
    private final OfflineStore store = new InMemoryOfflineStore();

    @Override
    protected OfflineStore store() {
        return store;
    }
}
