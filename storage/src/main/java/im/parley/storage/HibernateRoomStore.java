package im.parley.storage;

import im.parley.module.muc.Affiliation;
import im.parley.module.muc.RoomConfig;
import im.parley.module.muc.RoomStore;
import im.parley.module.muc.StoredAffiliation;
import im.parley.module.muc.StoredRoom;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Persistent group chat rooms in {@code muc_rooms} and their affiliations in {@code muc_affiliations}. */
final class HibernateRoomStore implements RoomStore {
    private final SessionFactory sessions;

    HibernateRoomStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<StoredRoom> room(String jid) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return find(s, jid).map(HibernateRoomStore::toRoom);
        });
    }

    @Override
    public List<StoredRoom> rooms(String service) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return s.createSelectionQuery("from MucRoom r where r.service = :service order by r.room", MucRoomEntity.class)
                    .setParameter("service", service)
                    .getResultList().stream().map(HibernateRoomStore::toRoom).toList();
        });
    }

    @Override
    public void save(StoredRoom room) {
        retry(() -> sessions.inTransaction(s -> {
            MucRoomEntity e = find(s, room.jid()).orElse(null);
            if (e == null) {
                e = new MucRoomEntity(room.jid(), room.service());
                e.update(room.config().encode(), room.subject(), room.subjectBy());
                s.persist(e);
            } else {
                e.update(room.config().encode(), room.subject(), room.subjectBy());
            }
        }));
    }

    @Override
    public void delete(String jid) {
        sessions.inTransaction(s -> {
            s.createMutationQuery("delete from MucAffiliation a where a.room = :room").setParameter("room", jid).executeUpdate();
            s.createMutationQuery("delete from MucRoom r where r.room = :room").setParameter("room", jid).executeUpdate();
        });
    }

    @Override
    public List<StoredAffiliation> affiliations(String room) {
        return sessions.fromTransaction(s -> {
            s.setDefaultReadOnly(true);
            return s.createSelectionQuery("from MucAffiliation a where a.room = :room order by a.user", MucAffiliationEntity.class)
                    .setParameter("room", room).getResultList().stream()
                    .map(a -> new StoredAffiliation(a.user(), Affiliation.parse(a.affiliation()), a.nick(), a.reason()))
                    .toList();
        });
    }

    @Override
    public void affiliate(String room, StoredAffiliation a) {
        retry(() -> sessions.inTransaction(s -> {
            MucAffiliationEntity e = s.createSelectionQuery(
                            "from MucAffiliation a where a.room = :room and a.userHash = :hash", MucAffiliationEntity.class)
                    .setParameter("room", room).setParameter("hash", MucAffiliationEntity.hash(a.jid()))
                    .uniqueResultOptional().orElse(null);
            if (a.affiliation() == Affiliation.NONE) {
                if (e != null) {
                    s.remove(e);
                }
                return;
            }
            if (e == null) {
                e = new MucAffiliationEntity(room, a.jid());
                e.update(a.affiliation().xml(), a.nick(), a.reason());
                s.persist(e);
            } else {
                e.update(a.affiliation().xml(), a.nick(), a.reason());
            }
        }));
    }

    /** Runs a write again when a concurrent write of the same row won (unique key or deadlock). */
    private static void retry(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5 || !WriteConflicts.isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static Optional<MucRoomEntity> find(Session s, String jid) {
        return s.createSelectionQuery("from MucRoom r where r.room = :room", MucRoomEntity.class)
                .setParameter("room", jid).uniqueResultOptional();
    }

    private static StoredRoom toRoom(MucRoomEntity e) {
        return new StoredRoom(e.room(), RoomConfig.decode(e.config()), e.subject(), e.subjectBy());
    }
}
