package im.parley.module.register;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts registrations per IP address in a sliding window. */
final class RegistrationLimiter {
    private final int limit;
    private final Duration window;
    private final Map<InetAddress, Deque<Instant>> recent = new ConcurrentHashMap<>();

    RegistrationLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Whether the address may register now (failed attempts do not count, only {@link #registered}). */
    boolean allowed(InetAddress address, Instant now) {
        if (limit == 0) {
            return true;
        }
        Deque<Instant> times = recent.get(address);
        if (times == null) {
            return true;
        }
        synchronized (times) {
            return times.stream().filter(t -> !t.isBefore(now.minus(window))).count() < limit;
        }
    }

    /** Counts a registration that succeeded. */
    void registered(InetAddress address, Instant now) {
        if (limit == 0) {
            return;
        }
        recent.compute(address, (a, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            synchronized (t) {
                while (!t.isEmpty() && t.peekFirst().isBefore(now.minus(window))) {
                    t.pollFirst();
                }
                t.addLast(now);
            }
            return t;
        });
    }

    void sweep(Instant now) {
        recent.values().removeIf(t -> t.isEmpty() || t.peekLast().isBefore(now.minus(window)));
    }
}
