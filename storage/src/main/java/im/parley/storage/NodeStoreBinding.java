package im.parley.storage;

import im.parley.module.pubsub.NodeStore;
import java.util.List;
import org.hibernate.SessionFactory;

/** Offers {@link NodeStore} (PEP and the pubsub component) through {@link HibernateNodeStore}. */
public final class NodeStoreBinding implements RepositoryBinding {
    @Override
    public Class<?> type() {
        return NodeStore.class;
    }

    @Override
    public List<Class<?>> entities() {
        return List.of(PubSubNodeEntity.class, PubSubItemEntity.class);
    }

    @Override
    public Object create(SessionFactory sessionFactory) {
        return new HibernateNodeStore(sessionFactory);
    }
}
