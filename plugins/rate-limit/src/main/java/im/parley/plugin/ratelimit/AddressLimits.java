package im.parley.plugin.ratelimit;

import im.parley.api.event.AuthFailed;
import im.parley.api.session.ConnectionGate;
import io.prometheus.metrics.core.metrics.Counter;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits per IP address: new connections, and failed logins, after too many of which the address
 * may not connect until its bucket has a token again.
 */
final class AddressLimits implements ConnectionGate {
    private static final Logger LOG = LoggerFactory.getLogger(AddressLimits.class);

    private final SharedBuckets connections;
    private final SharedBuckets failedLogins;
    private final LongSupplier nanos;
    private final Counter refused;
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    AddressLimits(SharedBuckets connections, SharedBuckets failedLogins, LongSupplier nanos, Counter refused) {
        this.connections = connections;
        this.failedLogins = failedLogins;
        this.nanos = nanos;
        this.refused = refused;
    }

    @Override
    public Optional<String> refusal(InetAddress address) {
        String key = address.getHostAddress();
        if (!blockedUntil.isEmpty()) {
            Long until = blockedUntil.get(key);
            if (until != null && until - nanos.getAsLong() > 0) {
                refused.labelValues("failed_logins").inc();
                return Optional.of("too many failed logins from your address");
            }
        }
        if (connections.take(key, 1) > 0) {
            refused.labelValues("connections").inc();
            return Optional.of("too many new connections from your address");
        }
        return Optional.empty();
    }

    /** Counts a failed login; past the limit the address is blocked until a token is back. */
    void failed(AuthFailed event) {
        String key = event.address().getHostAddress();
        long wait = failedLogins.take(key, 1);
        if (wait > 0) {
            blockedUntil.put(key, nanos.getAsLong() + wait);
            LOG.warn("Blocking connections from {} for {} s after too many failed logins", key, wait / 1_000_000_000L + 1);
        }
    }

    void sweep() {
        long now = nanos.getAsLong();
        blockedUntil.values().removeIf(until -> until - now <= 0);
    }
}
