package im.parley.storage;

import im.parley.api.account.AccountStore;
import im.parley.core.account.InMemoryAccountStore;

/** The account contract against core's in-memory store, the reference the database stores must match. */
class InMemoryAccountStoreTest extends AccountStoreContract {
    private final AccountStore store = new InMemoryAccountStore();

    @Override
    protected AccountStore store() {
        return store;
    }
}
