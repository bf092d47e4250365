package im.parley.storage;

import im.parley.module.muc.RoomStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link RoomStore} through {@link HibernateRoomStore}. */
public final class RoomStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return RoomStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(MucRoomEntity.class, MucAffiliationEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateRoomStore(sessionFactory);
    }
}
