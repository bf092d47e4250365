package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Persistent rooms outlive a restart of a server on embedded H2. */
class RoomsSurviveRestartH2Test extends RoomsSurviveRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(StorageConfig.h2());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
