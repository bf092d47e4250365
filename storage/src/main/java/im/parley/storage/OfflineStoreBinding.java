package im.parley.storage;

import im.parley.module.offline.OfflineStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link OfflineStore} through {@link HibernateOfflineStore}. */
public final class OfflineStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return OfflineStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(OfflineOwnerEntity.class, OfflineMessageEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateOfflineStore(sessionFactory);
    }
}
