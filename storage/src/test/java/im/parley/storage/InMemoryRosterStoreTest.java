package im.parley.storage;

import im.parley.module.roster.RosterStore;
import im.parley.module.roster.InMemoryRosterStore;

/** The roster contract against the in-memory store, the reference the database stores must match. */
class InMemoryRosterStoreTest extends RosterStoreContract {
    private final RosterStore store = new InMemoryRosterStore();

    @Override
    protected RosterStore store() {
        return store;
    }
}
