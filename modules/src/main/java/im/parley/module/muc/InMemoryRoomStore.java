package im.parley.module.muc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms kept in memory: the store when no database is configured, and the contract's reference. */
public final class InMemoryRoomStore implements RoomStore {
    private final Map<String, StoredRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, Map<String, StoredAffiliation>> affiliations = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredRoom> room(String jid) {
        return Optional.ofNullable(rooms.get(jid));
    }

    @Override
    public List<StoredRoom> rooms(String service) {
        return rooms.values().stream().filter(r -> r.service().equals(service))
                .sorted(java.util.Comparator.comparing(StoredRoom::jid)).toList();
    }

    @Override
    public void save(StoredRoom room) {
        rooms.put(room.jid(), room);
    }

    @Override
    public void delete(String jid) {
        rooms.remove(jid);
        affiliations.remove(jid);
    }

    @Override
    public List<StoredAffiliation> affiliations(String room) {
        Map<String, StoredAffiliation> of = affiliations.get(room);
        if (of == null) {
            return List.of();
        }
        synchronized (of) {
            List<StoredAffiliation> list = new ArrayList<>(of.values());
            list.sort(java.util.Comparator.comparing(StoredAffiliation::jid));
            return List.copyOf(list);
        }
    }

    @Override
    public void affiliate(String room, StoredAffiliation affiliation) {
        Map<String, StoredAffiliation> of = affiliations.computeIfAbsent(room, r -> new java.util.LinkedHashMap<>());
        synchronized (of) {
            if (affiliation.affiliation() == Affiliation.NONE) {
                of.remove(affiliation.jid());
            } else {
                of.put(affiliation.jid(), affiliation);
            }
        }
    }
}
