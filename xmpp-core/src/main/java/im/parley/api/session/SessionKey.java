package im.parley.api.session;

/**
 * A typed key for state a module keeps on a session (for example whether the client asked for
 * the roster). Compare by identity: each module holds its own key constants.
 */
public final class SessionKey<T> {
    private final String name;

    private SessionKey(String name) {
        this.name = name;
    }

    public static <T> SessionKey<T> of(String name) {
        return new SessionKey<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
