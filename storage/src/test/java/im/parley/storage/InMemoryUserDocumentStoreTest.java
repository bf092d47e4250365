package im.parley.storage;

import im.parley.api.storage.UserDocumentStore;
import im.parley.api.storage.InMemoryUserDocumentStore;

/** The document contract against core's in-memory store, the reference the database stores must match. */
class InMemoryUserDocumentStoreTest extends UserDocumentStoreContract {
    private final UserDocumentStore store = new InMemoryUserDocumentStore();

    @Override
    protected UserDocumentStore store() {
        return store;
    }
}
