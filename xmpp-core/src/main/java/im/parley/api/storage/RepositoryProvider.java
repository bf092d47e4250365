package im.parley.api.storage;

import java.util.Optional;

/**
 * The storage backend's implementations of repository interfaces. A persistent backend must
 * implement every repository a running module asks for; the in-memory one implements none and
 * lets modules use their own in-memory implementations.
 */
public interface RepositoryProvider {

    <R> Optional<R> provide(Class<R> type);

    /** Whether data survives a restart; a persistent provider lacking a repository fails the boot. */
    boolean persistent();

    /** What keeps the backend from serving now (the database unreachable), or empty when it is fine; for readiness. */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** No persistent storage: every module keeps its data in memory. */
    static RepositoryProvider inMemory() {
        return new RepositoryProvider() {
            @Override
            public <R> Optional<R> provide(Class<R> type) {
                return Optional.empty();
            }

            @Override
            public boolean persistent() {
                return false;
            }
        };
    }
}
