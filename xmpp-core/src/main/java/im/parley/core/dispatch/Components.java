package im.parley.core.dispatch;

import im.parley.api.component.ComponentHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The component handlers by the domain they serve; one handler per domain. */
public final class Components {
    /** A handler and the module that registered it (for logs). */
    public record Registered(String owner, ComponentHandler handler) {
    }

    private final Map<String, Registered> byDomain = new ConcurrentHashMap<>();
    private final ModuleFailures failures;

    Components(ModuleFailures failures) {
        this.failures = failures;
    }

    /** Where a component's handler that throws is reported. */
    public ModuleFailures failures() {
        return failures;
    }

    Runnable add(String domain, String owner, ComponentHandler handler) {
        String key = domain.toLowerCase(Locale.ROOT);
        Registered registered = new Registered(owner, handler);
        Registered taken = byDomain.putIfAbsent(key, registered);
        if (taken != null) {
            throw new IllegalStateException("domain " + domain + " is already served by '" + taken.owner()
                    + "'; '" + owner + "' cannot serve it too");
        }
        return () -> byDomain.remove(key, registered);
    }

    /** The component serving a domain, if any. */
    public Optional<Registered> find(String domain) {
        return byDomain.isEmpty() ? Optional.empty() : Optional.ofNullable(byDomain.get(domain.toLowerCase(Locale.ROOT)));
    }
}
