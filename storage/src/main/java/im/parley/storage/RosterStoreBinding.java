package im.parley.storage;

import im.parley.module.roster.RosterStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link RosterStore} through {@link HibernateRosterStore}. */
public final class RosterStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return RosterStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(RosterEntity.class, RosterItemEntity.class, PendingSubscriptionEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateRosterStore(sessionFactory);
    }
}
