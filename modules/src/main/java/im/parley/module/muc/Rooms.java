package im.parley.module.muc;

import im.parley.api.Scheduler;
import im.parley.api.routing.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * The rooms of the service: active ones in memory, persistent ones also in the {@link RoomStore},
 * loaded when first addressed (so a restart loses none), and which rooms each device is in.
 */
final class Rooms {
    private final Map<String, Room> active = new ConcurrentHashMap<>();
    private final Map<JID, Set<Room>> byDevice = new ConcurrentHashMap<>();
    private final RoomStore store;
    private final Router router;
    private final Scheduler scheduler;
    private final MucConfig config;
    private final RoomArchive archive;
    private final java.util.function.Consumer<JID> released;

    /** @param released told of each room that leaves memory (so another cluster node may own it next) */
    Rooms(RoomStore store, Router router, Scheduler scheduler, MucConfig config, RoomArchive archive,
          java.util.function.Consumer<JID> released) {
        this.released = released;
        this.store = store;
        this.router = router;
        this.scheduler = scheduler;
        this.config = config;
        this.archive = archive;
    }

    /** An active or stored room; empty when the room does not exist. */
    Optional<Room> find(JID jid) {
        String key = jid.toBareJID();
        return Optional.ofNullable(active.computeIfAbsent(key, k -> store.room(k).map(this::revive).orElse(null)));
    }

    /** Creates a room, locked, unless another request made it first (then that one is returned). */
    Room create(JID jid) {
        Room room = new Room(jid, RoomConfig.defaults(config.maxOccupants()), outbox());
        room.locked(true);
        Room raced = active.putIfAbsent(jid.toBareJID(), room);
        return raced == null ? room : raced;
    }

    /** Forgets a room: destroyed, or temporary and empty. */
    void remove(Room room) {
        room.destroyed(true);
        active.remove(room.jid().toBareJID(), room);
        if (room.config().persistent()) {
            store.delete(room.jid().toBareJID());
        }
        released.accept(room.jid());
    }

    /** Drops a persistent room from memory when empty; it is loaded again from storage when next addressed. */
    void unload(Room room) {
        room.destroyed(true);
        active.remove(room.jid().toBareJID(), room);
        released.accept(room.jid());
    }

    Room active(JID jid) {
        return active.get(jid.toBareJID());
    }

    List<Room> active() {
        return List.copyOf(active.values());
    }

    /** Stored rooms of a service that are not active. */
    List<StoredRoom> storedInactive(String service) {
        return store.rooms(service).stream().filter(r -> !active.containsKey(r.jid())).toList();
    }

    /** Writes the room's configuration and subject when it is persistent, every affiliation too when {@code all}. */
    void persist(Room room, boolean all) {
        if (!room.config().persistent()) {
            return;
        }
        store.save(room.stored());
        if (all) {
            room.affiliations().forEach(a -> store.affiliate(room.jid().toBareJID(), a));
        }
    }

    void persistAffiliation(Room room, StoredAffiliation a) {
        if (room.config().persistent()) {
            store.affiliate(room.jid().toBareJID(), a);
        }
    }

    /** The room became temporary: its stored copy goes. */
    void unpersist(Room room) {
        store.delete(room.jid().toBareJID());
    }

    void joined(JID device, Room room) {
        byDevice.computeIfAbsent(device, d -> ConcurrentHashMap.newKeySet()).add(room);
    }

    void left(JID device, Room room) {
        byDevice.computeIfPresent(device, (d, set) -> {
            set.remove(room);
            return set.isEmpty() ? null : set;
        });
    }

    /** The rooms a device is in. */
    List<Room> roomsOf(JID device) {
        Set<Room> set = byDevice.get(device);
        return set == null ? List.of() : List.copyOf(set);
    }

    private Room revive(StoredRoom stored) {
        Room room = new Room(new JID(stored.jid()), stored.config(), outbox());
        room.subject(stored.subject(), stored.subjectBy());
        store.affiliations(stored.jid()).forEach(room::affiliate);
        // The history a newcomer gets survives a restart through the room's archive.
        for (im.parley.module.archive.ArchiveStore.Archived a : archive.last(room, config.historySize())) {
            try {
                org.xmpp.packet.Message m = new org.xmpp.packet.Message(im.parley.module.xml.StoredXml.parse(a.stanza()), true);
                if (m.getBody() != null) {
                    room.remember(new Room.HistoryEntry(m, a.stamp(), a.stanza().length()), config.historySize());
                }
            } catch (RuntimeException e) {
                // a damaged archived message is left out of the history
            }
        }
        return room;
    }

    private Outbox outbox() {
        return new Outbox(router, scheduler, config.fanOutSlice());
    }
}
