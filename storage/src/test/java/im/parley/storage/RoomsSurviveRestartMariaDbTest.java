package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Persistent rooms outlive a restart of a server on MariaDB. */
class RoomsSurviveRestartMariaDbTest extends RoomsSurviveRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(TestDatabases.mariaDb());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
