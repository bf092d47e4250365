package im.parley.module.muc;

import java.util.List;
import java.util.Optional;

/**
 * Persistent rooms (XEP-0045 §10.2 muc#roomconfig_persistentroom): their configuration, subject and
 * affiliations, kept across restarts. Temporary rooms are never stored.
 */
public interface RoomStore {

    /** A stored room by its bare JID. */
    Optional<StoredRoom> room(String jid);

    /** Every stored room of a service domain, e.g. conference.example.org. */
    List<StoredRoom> rooms(String service);

    /** Creates or replaces a room's configuration and subject. */
    void save(StoredRoom room);

    /** Deletes a room with its affiliations; nothing when it is not stored. */
    void delete(String jid);

    /** A room's affiliations other than none. */
    List<StoredAffiliation> affiliations(String room);

    /** Sets one user's affiliation; {@link Affiliation#NONE} removes it. */
    void affiliate(String room, StoredAffiliation affiliation);
}
