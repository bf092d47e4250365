package im.parley.plugin.ratelimit;

/**
 * A token bucket: it holds up to {@code burst} tokens and refills at {@code rate} tokens per
 * {@code periodNanos}. Taking is O(1) under the bucket's own lock; time comes from the caller
 * so that tests can drive it.
 */
final class TokenBucket {
    private final double burst;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(long rate, long burst, long periodNanos, long now) {
        this.burst = burst;
        this.perNano = (double) rate / periodNanos;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes {@code amount} tokens; returns 0 when taken, else the nanoseconds until they would be there. */
    synchronized long take(long amount, long now) {
        refill(now);
        if (tokens >= amount) {
            tokens -= amount;
            return 0;
        }
        return (long) Math.ceil((amount - tokens) / perNano);
    }

    /** Removes tokens spent elsewhere (on other cluster nodes); the bucket may go down to empty. */
    synchronized void drain(long amount, long now) {
        refill(now);
        tokens = Math.max(0, tokens - amount);
    }

    /** Whether fewer than a fifth of the burst is left: a bucket worth synchronising at once. */
    synchronized boolean low(long now) {
        refill(now);
        return tokens < burst / 5;
    }

    synchronized boolean full(long now) {
        refill(now);
        return tokens >= burst;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
