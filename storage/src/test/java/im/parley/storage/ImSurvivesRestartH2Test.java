package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rosters, subscription requests and offline messages outlive a restart of a server on embedded H2. */
class ImSurvivesRestartH2Test extends ImSurvivesRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(StorageConfig.h2());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
