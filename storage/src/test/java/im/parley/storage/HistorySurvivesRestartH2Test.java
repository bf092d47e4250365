package im.parley.storage;

import im.parley.testing.ParleyServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Archives and inboxes outlive a restart of a server on embedded H2. */
class HistorySurvivesRestartH2Test extends HistorySurvivesRestart {
    @RegisterExtension
    static final ParleyServer SERVER = build(StorageConfig.h2());

    @Override
    protected ParleyServer server() {
        return SERVER;
    }
}
