package im.parley.core.sasl;

import im.parley.core.config.AuthConfig;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import im.parley.api.event.AuthFailed;
import im.parley.api.event.ServerEvent;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers failed logins per IP address and says how long to wait before answering the next
 * failure: nothing for the first few, then a delay that doubles up to a maximum.
 */
public final class AuthFailureTracker {
    private record Failures(Instant since, int count) {
    }

    private final AuthConfig config;
    private final Clock clock;
    private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();

    private final Consumer<ServerEvent> events;

    public AuthFailureTracker(AuthConfig config, Clock clock) {
        this(config, clock, e -> { });
    }

    /** Also publishes an {@link AuthFailed} event for each failure, for modules (e.g. a rate limiter). */
    public AuthFailureTracker(AuthConfig config, Clock clock, Consumer<ServerEvent> events) {
        this.config = config;
        this.clock = clock;
        this.events = events;
    }

    /** Records a failure and returns the delay before it should be answered. */
    public Duration failed(InetAddress address) {
        return failed(address, null);
    }

    /** Records a failure on a stream to a domain and returns the delay before it should be answered. */
    public Duration failed(InetAddress address, String domain) {
        events.accept(new AuthFailed(address, domain));
        Instant now = clock.instant();
        Failures f = failures.merge(address, new Failures(now, 1), (old, one) ->
                old.since().plus(config.failureWindow()).isBefore(now) ? one : new Failures(old.since(), old.count() + 1));
        int over = f.count() - config.failuresBeforeDelay();
        if (over <= 0) {
            return Duration.ZERO;
        }
        long millis = config.failureDelay().toMillis() << Math.min(over - 1, 20);
        return Duration.ofMillis(Math.min(millis, config.maxFailureDelay().toMillis()));
    }

    /** Forgets failures older than the window. */
    public void sweep() {
        Instant cutoff = clock.instant().minus(config.failureWindow());
        failures.values().removeIf(f -> f.since().isBefore(cutoff));
    }
}
