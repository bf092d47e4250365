package im.parley.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.parley.module.muc.Affiliation;
import im.parley.module.muc.RoomConfig;
import im.parley.module.muc.RoomStore;
import im.parley.module.muc.StoredAffiliation;
import im.parley.module.muc.StoredRoom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomStore} must do, run against each backend by a subclass. Each test uses a
 * service domain of its own, so tests can share a database with other data in it.
 */
abstract class RoomStoreContract {
    private final String service = "conference.d" + UUID.randomUUID().toString().replace("-", "") + ".test";
    private final String room = "balcony@" + service;
    private final RoomConfig config = RoomConfig.decode("name=Balcony\npersistent=true\nmembersonly=true\npassword=s%C3%A9same\nmaxusers=20\n");

    protected abstract RoomStore store();

    @AfterEach
    void deleteTestRooms() {
        store().rooms(service).forEach(r -> store().delete(r.jid()));
    }

    @Test
    void anUnknownRoomIsAbsent() {
        assertEquals(Optional.empty(), store().room(room));
        assertEquals(List.of(), store().affiliations(room));
    }

    @Test
    void aRoomRoundTripsWithItsConfigurationAndSubject() {
        store().save(new StoredRoom(room, config, "Verona, 1597 ✨", "romeo"));

        StoredRoom back = store().room(room).orElseThrow();
        assertEquals(config, back.config());
        assertEquals("Verona, 1597 ✨", back.subject());
        assertEquals("romeo", back.subjectBy());
        assertEquals("sésame", back.config().password());
    }

    @Test
    void savingAgainReplacesTheRoom() {
        store().save(new StoredRoom(room, config, null, null));
        RoomConfig open = RoomConfig.decode(config.encode().replace("membersonly=true", "membersonly=false"));
        store().save(new StoredRoom(room, open, "new subject", "juliet"));

        assertEquals(open, store().room(room).orElseThrow().config());
        assertEquals(1, store().rooms(service).size());
    }

    @Test
    void roomsAreListedByService() {
        store().save(new StoredRoom("b@" + service, config, null, null));
        store().save(new StoredRoom("a@" + service, config, null, null));

        assertEquals(List.of("a@" + service, "b@" + service), store().rooms(service).stream().map(StoredRoom::jid).toList());
        assertTrue(store().rooms("other." + service).isEmpty());
    }

    @Test
    void affiliationsAreSetChangedAndRemoved() {
        store().save(new StoredRoom(room, config, null, null));
        store().affiliate(room, new StoredAffiliation("romeo@montague.example", Affiliation.OWNER, null, null));
        store().affiliate(room, new StoredAffiliation("juliet@capulet.example", Affiliation.MEMBER, "jules", "family"));
        store().affiliate(room, new StoredAffiliation("tybalt@capulet.example", Affiliation.OUTCAST, null, "a brawl"));
        store().affiliate(room, new StoredAffiliation("juliet@capulet.example", Affiliation.ADMIN, "jules", null));
        store().affiliate(room, new StoredAffiliation("tybalt@capulet.example", Affiliation.NONE, null, null));

        assertEquals(List.of(new StoredAffiliation("juliet@capulet.example", Affiliation.ADMIN, "jules", null),
                new StoredAffiliation("romeo@montague.example", Affiliation.OWNER, null, null)), store().affiliations(room));
    }

    @Test
    void deletingARoomDeletesItsAffiliations() {
        store().save(new StoredRoom(room, config, null, null));
        store().affiliate(room, new StoredAffiliation("romeo@montague.example", Affiliation.OWNER, null, null));
        store().delete(room);

        assertEquals(Optional.empty(), store().room(room));
        assertEquals(List.of(), store().affiliations(room));
    }

    @Test
    void theLongestJidsFit() {
        String longRoom = "r".repeat(1023) + "@" + service;
        String longUser = "u".repeat(1023) + "@" + "d".repeat(63) + "." + "e".repeat(63) + ".example";
        store().save(new StoredRoom(longRoom, config, null, "n".repeat(1023)));
        store().affiliate(longRoom, new StoredAffiliation(longUser, Affiliation.MEMBER, "ü".repeat(300), null));

        assertEquals("n".repeat(1023), store().room(longRoom).orElseThrow().subjectBy());
        assertEquals(longUser, store().affiliations(longRoom).get(0).jid());
    }
}
