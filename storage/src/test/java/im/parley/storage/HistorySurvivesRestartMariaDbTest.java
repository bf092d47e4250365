package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Archives and inboxes outlive a restart of a server on MariaDB. */
class HistorySurvivesRestartMariaDbTest extends HistorySurvivesRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(TestDatabases.mariaDb());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
