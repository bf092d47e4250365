package im.parley.storage;

import im.parley.module.blocking.BlockListStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link BlockListStore} through {@link HibernateBlockListStore}. */
public final class BlockListStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return BlockListStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(BlockListItemEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateBlockListStore(sessionFactory);
    }
}
