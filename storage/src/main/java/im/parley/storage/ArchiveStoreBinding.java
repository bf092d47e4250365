package im.parley.storage;

import im.parley.module.archive.ArchiveStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link ArchiveStore} through {@link HibernateArchiveStore}. */
public final class ArchiveStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return ArchiveStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(ArchiveOwnerEntity.class, ArchiveMessageEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateArchiveStore(sessionFactory);
    }
}
