package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rosters, subscription requests and offline messages outlive a restart of a server on MariaDB. */
class ImSurvivesRestartMariaDbTest extends ImSurvivesRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(TestDatabases.mariaDb());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
