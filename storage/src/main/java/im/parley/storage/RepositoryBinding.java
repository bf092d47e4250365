package im.parley.storage;

import java.util.List;
import org.hibernate.SessionFactory;

/**
 * How the storage backend offers one repository interface: the entities it maps and how to build
 * it. Bindings are found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/im.parley.storage.RepositoryBinding}, one line per repository, so a
 * feature's storage lives in its own files.
 */
public interface RepositoryBinding {

    /** The repository interface, e.g. {@code AccountStore.class}. */
    Class<?> type();

    /** The entity classes the repository maps. */
    List<Class<?>> entities();

    /** Builds the repository on the shared session factory. */
    Object create(SessionFactory sessionFactory);
}
