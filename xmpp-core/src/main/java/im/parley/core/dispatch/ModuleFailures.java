package im.parley.core.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where handlers, interceptors, listeners and timers report that a module's code threw. A
 * built-in module's failure is logged and the chain goes on; an isolated module (a plugin) is
 * logged once and disabled, so that a broken plugin cannot keep failing every stanza.
 */
public final class ModuleFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleFailures.class);

    private final Set<String> isolated = ConcurrentHashMap.newKeySet();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> disable = name -> { };

    /** Marks a module as one whose failures disable it. */
    void isolate(String module) {
        isolated.add(module);
        disabled.remove(module);
    }

    /** What disables a module; the module host sets it once. */
    void onDisable(Consumer<String> action) {
        this.disable = action;
    }

    /** Whether an isolated module was disabled after a failure. */
    public boolean disabled(String module) {
        return disabled.contains(module);
    }

    /** Reports that {@code owner}'s code threw while doing {@code what} (e.g. "handling a message"). */
    public void failed(String owner, String what, RuntimeException e) {
        if (!isolated.contains(owner)) {
            LOG.error("Module '{}' failed {}; skipping it", owner, what, e);
            return;
        }
        if (!disabled.add(owner)) {
            LOG.debug("Disabled plugin module '{}' failed again {}: {}", owner, what, e.toString());
            return;
        }
        LOG.error("Plugin module '{}' failed {}; it is disabled until the server restarts", owner, what, e);
        disable.accept(owner);
    }
}
