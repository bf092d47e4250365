package im.parley.module.presence;

import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;

/**
 * A token bucket per session against presence floods: every presence a client sends is passed to
 * contacts (and their servers), so one client changing status in a loop would flood them all.
 */
final class PresenceRate {
    private static final SessionKey<Bucket> BUCKET = SessionKey.of("presence.rate");

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    private final double perNano;
    private final int burst;

    PresenceRate(PresenceConfig config) {
        this.perNano = config.maxPerMinute() / 60e9;
        this.burst = config.burst();
    }

    /** Takes one token for the session; false when it has sent too many too fast. */
    boolean allow(LocalSession session) {
        long now = System.nanoTime();
        Bucket b = session.get(BUCKET);
        if (b == null) {
            b = new Bucket(burst, now);
            session.set(BUCKET, b);
        }
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * perNano);
            b.last = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
