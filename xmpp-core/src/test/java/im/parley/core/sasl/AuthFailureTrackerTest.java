package im.parley.core.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.parley.core.config.AuthConfig;
import im.parley.core.config.ConfigSource;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthFailureTrackerTest {
    /** A clock tests move by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void delayDoublesAfterTheFreeFailuresAndResetsAfterTheWindow() throws Exception {
        AuthConfig config = ConfigSource.fromYaml("auth:\n  failures_before_delay: 2\n  failure_delay: 1s\n"
                + "  max_failure_delay: 5s\n  failure_window: 10m\n", Map.of()).bind("auth", AuthConfig.class);
        ManualClock clock = new ManualClock();
        AuthFailureTracker tracker = new AuthFailureTracker(config, clock);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertEquals(Duration.ZERO, tracker.failed(a));
        assertEquals(Duration.ZERO, tracker.failed(a));
        assertEquals(Duration.ofSeconds(1), tracker.failed(a));
        assertEquals(Duration.ofSeconds(2), tracker.failed(a));
        assertEquals(Duration.ofSeconds(4), tracker.failed(a));
        assertEquals(Duration.ofSeconds(5), tracker.failed(a), "capped at the maximum");
        assertEquals(Duration.ZERO, tracker.failed(b), "another address is not affected");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertEquals(Duration.ZERO, tracker.failed(a), "forgotten after the window");
    }
}
