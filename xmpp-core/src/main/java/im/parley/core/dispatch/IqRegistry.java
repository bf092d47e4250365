package im.parley.core.dispatch;

import im.parley.api.IqHandler;
import im.parley.api.IqScope;
import im.parley.api.IqType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One handler per (scope, type, namespace, element); registering a key twice is an error at boot. */
public final class IqRegistry {

    /** The registry key of an IQ handler. */
    public record Key(IqScope scope, IqType type, String namespace, String element) {
    }

    /** A registered handler and its owner. */
    public record Registered(String owner, IqHandler handler, boolean preAuth) {
    }

    private final Map<Key, Registered> handlers = new ConcurrentHashMap<>();
    private final ModuleFailures failures;

    IqRegistry(ModuleFailures failures) {
        this.failures = failures;
    }

    /** Where an IQ handler that throws is reported. */
    public ModuleFailures failures() {
        return failures;
    }

    Runnable register(Key key, String owner, IqHandler handler, boolean preAuth) {
        Registered registered = new Registered(owner, handler, preAuth);
        Registered previous = handlers.putIfAbsent(key, registered);
        if (previous != null) {
            throw new IllegalStateException("IQ handler for " + key + " registered by both '" + previous.owner()
                    + "' and '" + owner + "'");
        }
        return () -> handlers.remove(key, registered);
    }

    public Optional<Registered> find(Key key) {
        return Optional.ofNullable(handlers.get(key));
    }
}
