package im.parley.storage;

import im.parley.api.account.AccountStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link AccountStore} through {@link HibernateAccountStore}. */
public final class AccountStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return AccountStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(AccountEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateAccountStore(sessionFactory);
    }
}
