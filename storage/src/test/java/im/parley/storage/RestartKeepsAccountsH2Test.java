package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts made on a server with embedded H2 still log in after the server restarts. */
class RestartKeepsAccountsH2Test extends RestartKeepsAccounts {
    @RegisterExtension
    static final ParleyServer SERVER = ParleyServer.with().storage(TestDatabases.factory(StorageConfig.h2())).build();

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
