package im.parley.storage;

import im.parley.module.muc.InMemoryRoomStore;
import im.parley.module.muc.RoomStore;

/** The room contract against the module's in-memory store, the reference the database stores must match. */
class InMemoryRoomStoreTest extends RoomStoreContract {
    private final RoomStore store = new InMemoryRoomStore();

    @Override
    protected RoomStore store() {
        return store;
    }
}
