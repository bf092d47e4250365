package im.parley.api;

/**
 * A server feature: built-in (ping, disco, roster, ...) or shipped in a plugin jar.
 *
 * <p>A module registers everything it does through the {@link ModuleContext} it gets in
 * {@link #start}; the framework removes those registrations when the module stops, so a module
 * never pairs add and remove calls itself.
 */
public interface Module {

    /** The module's name: its config section and its key in enable lists, e.g. {@code "ping"}. */
    String name();

    /** Registers the module's handlers, interceptors, listeners and timers. */
    void start(ModuleContext ctx);

    /** Releases resources the module created itself (not registrations: the framework owns those). */
    default void stop() {
    }

    /** Whether the module runs when its config section does not say {@code enabled}. */
    default boolean enabledByDefault() {
        return true;
    }
}
