package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts made on a server with MariaDB still log in after the server restarts. */
class RestartKeepsAccountsMariaDbTest extends RestartKeepsAccounts {
    @RegisterExtension
    static final ParleyServer SERVER = ParleyServer.with().storage(TestDatabases.factory(TestDatabases.mariaDb())).build();

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
