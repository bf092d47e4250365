package im.parley.plugin.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers violations per key and turns repeated ones into a back-off that doubles (the first
 * violation costs nothing beyond the refusal) until a number of them asks for a ban.
 */
final class Penalties {
    /** What a violation leads to: a refusal for some nanoseconds, or a ban. */
    record Verdict(long refuseNanos, boolean ban) {
    }

    private record State(int count, long since, long until) {
    }

    private final long backoff;
    private final long window;
    private final int beforeBan;
    private final LongSupplier nanos;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    Penalties(Duration backoff, Duration window, int beforeBan, LongSupplier nanos) {
        this.backoff = backoff.toNanos();
        this.window = window.toNanos();
        this.beforeBan = beforeBan;
        this.nanos = nanos;
    }

    /** How long the key is still refused for after earlier violations; 0 when it is not. */
    long refusedFor(String key) {
        State s = states.get(key);
        if (s == null) {
            return 0;
        }
        return Math.max(0, s.until() - nanos.getAsLong());
    }

    /** Records a violation. */
    Verdict violated(String key) {
        long now = nanos.getAsLong();
        State s = states.compute(key, (k, old) -> {
            if (old == null || now - old.since() > window) {
                return new State(1, now, now);
            }
            int count = old.count() + 1;
            long penalty = backoff << Math.min(count - 2, 30);
            return new State(count, old.since(), now + penalty);
        });
        if (s.count() >= beforeBan) {
            states.remove(key);
            return new Verdict(0, true);
        }
        return new Verdict(Math.max(0, s.until() - now), false);
    }

    /** Forgets violations older than the window (a timer task). */
    void sweep() {
        long now = nanos.getAsLong();
        states.values().removeIf(s -> now - s.since() > window && now > s.until());
    }
}
