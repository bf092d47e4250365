package im.parley.storage;

import im.parley.module.archive.InMemoryInboxStore;
import im.parley.module.archive.InboxStore;

/** The inbox contract against the in-memory store, the reference the database stores must match. */
class InMemoryInboxStoreTest extends InboxStoreContract {
    private final InboxStore store = new InMemoryInboxStore();

    @Override
    protected InboxStore store() {
        return store;
    }
}
