package im.parley.core.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open connections and the rate of new ones per IP address and in total, and decides
 * whether a new connection may stay. Token buckets refill continuously.
 */
public final class ConnectionLimits {

    /** Why a connection was refused, or null when accepted. */
    public enum Refusal {
        TOO_MANY_FROM_ADDRESS("too many connections from your address"),
        TOO_FAST_FROM_ADDRESS("too many new connections from your address, slow down"),
        TOO_FAST("the server is accepting too many connections, try again shortly"),
        REFUSED_BY_POLICY("the server's policy refuses connections from your address for now");

        final String text;

        Refusal(String text) {
            this.text = text;
        }

        /** The reason as clients are told it. */
        public String text() {
            return text;
        }
    }

    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long last;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = rate;
            this.last = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(rate, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean full(long now) {
            return tokens + (now - last) / 1e9 * rate >= rate;
        }
    }

    private static final class Address {
        int open;
        final Bucket bucket;

        Address(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private final int maxPerAddress;
    private final int ratePerAddress;
    private final Bucket global;
    private final Map<InetAddress, Address> addresses = new ConcurrentHashMap<>();

    private final Function<InetAddress, Optional<String>> gates;

    public ConnectionLimits(int maxPerAddress, int ratePerAddress, int globalRate) {
        this(maxPerAddress, ratePerAddress, globalRate, a -> Optional.empty());
    }

    /** With the modules' connection gates, asked before the built-in limits (see ConnectionGate). */
    public ConnectionLimits(int maxPerAddress, int ratePerAddress, int globalRate,
                            Function<InetAddress, Optional<String>> gates) {
        this.gates = gates;
        this.maxPerAddress = maxPerAddress;
        this.ratePerAddress = ratePerAddress;
        this.global = new Bucket(globalRate, System.nanoTime());
    }

    /** Registers a new connection; returns why it must be refused, or null. A refused one is not counted as open. */
    public Refusal open(InetAddress address) {
        if (gates.apply(address).isPresent()) {
            return Refusal.REFUSED_BY_POLICY;
        }
        long now = System.nanoTime();
        Refusal[] refusal = new Refusal[1];
        addresses.compute(address, (a, state) -> {
            Address s = state == null ? new Address(new Bucket(ratePerAddress, now)) : state;
            if (s.open >= maxPerAddress) {
                refusal[0] = Refusal.TOO_MANY_FROM_ADDRESS;
            } else if (!s.bucket.take(now)) {
                refusal[0] = Refusal.TOO_FAST_FROM_ADDRESS;
            } else if (!global.take(now)) {
                refusal[0] = Refusal.TOO_FAST;
            } else {
                s.open++;
            }
            return s;
        });
        return refusal[0];
    }

    /** A counted connection closed. */
    public void closed(InetAddress address) {
        long now = System.nanoTime();
        addresses.computeIfPresent(address, (a, s) -> {
            s.open--;
            return s.open <= 0 && s.bucket.full(now) ? null : s;
        });
    }

    /** Drops idle entries whose bucket has refilled; called periodically. */
    public void sweep() {
        long now = System.nanoTime();
        for (InetAddress address : addresses.keySet()) {
            addresses.computeIfPresent(address, (a, s) -> s.open <= 0 && s.bucket.full(now) ? null : s);
        }
    }

    int openCount(InetAddress address) {
        Address s = addresses.get(address);
        return s == null ? 0 : s.open;
    }
}
