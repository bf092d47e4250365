package im.parley.storage;

import im.parley.api.storage.UserDocumentStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link UserDocumentStore} through {@link HibernateUserDocumentStore}. */
public final class UserDocumentStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return UserDocumentStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(UserDocumentEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateUserDocumentStore(sessionFactory);
    }
}
