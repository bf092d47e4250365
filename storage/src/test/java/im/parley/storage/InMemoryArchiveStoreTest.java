package im.parley.storage;

import im.parley.module.archive.ArchiveStore;
import im.parley.module.archive.InMemoryArchiveStore;

/** The archive contract against the in-memory store, the reference the database stores must match. */
class InMemoryArchiveStoreTest extends ArchiveStoreContract {
    private final ArchiveStore store = new InMemoryArchiveStore();

    @Override
    protected ArchiveStore store() {
        return store;
    }
}
