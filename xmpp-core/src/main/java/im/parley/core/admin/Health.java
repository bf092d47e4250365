package im.parley.core.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What readiness depends on: named checks (storage, cluster) that each report a problem or
 * nothing. The server is ready when it has started and no check reports one.
 */
public final class Health {
    private final Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();
    private volatile boolean started;

    public synchronized Health check(String name, Supplier<Optional<String>> check) {
        checks.put(name, check);
        return this;
    }

    public void started(boolean value) {
        started = value;
    }

    /** The problems of the checks that report one, by check name; "server" while not started. */
    public synchronized Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!started) {
            problems.put("server", "not started (or stopping)");
        }
        checks.forEach((name, check) -> {
            try {
                check.get().ifPresent(p -> problems.put(name, p));
            } catch (RuntimeException e) {
                problems.put(name, e.toString());
            }
        });
        return problems;
    }
}
