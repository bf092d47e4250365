package im.parley.storage;

import im.parley.module.archive.InboxStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link InboxStore} through {@link HibernateInboxStore}. */
public final class InboxStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return InboxStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(InboxConversationEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateInboxStore(sessionFactory);
    }
}
