package im.parley.plugin.abusescan;

import java.text.Normalizer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Finds spam waves: the same message body, after normalising away case, digits, punctuation,
 * accents and spacing (so that "Win $500 now!!" and "win $900 NOW" match), sent to many distinct
 * recipients within a window, by one sender or many.
 */
final class SpamWaves {
    /** Above this many bodies tracked, new ones are not tracked until old ones expire (memory bound). */
    static final int MAX_TRACKED = 100_000;

    private static final class Wave {
        final long started;
        final Set<String> recipients = new HashSet<>();
        boolean flagged;

        Wave(long started) {
            this.started = started;
        }
    }

    private final int threshold;
    private final long window;
    private final int minLength;
    private final LongSupplier nanos;
    private final Map<Long, Wave> waves = new ConcurrentHashMap<>();

    SpamWaves(int threshold, Duration window, int minLength, LongSupplier nanos) {
        this.threshold = threshold;
        this.window = window.toNanos();
        this.minLength = minLength;
        this.nanos = nanos;
    }

    /** Counts a message; returns whether its body is (now) part of a spam wave. */
    boolean isWave(String body, String recipient) {
        String normal = normalise(body);
        if (normal.length() < minLength) {
            return false;
        }
        long fingerprint = fingerprint(normal);
        long now = nanos.getAsLong();
        Wave wave = waves.get(fingerprint);
        if (wave == null || now - wave.started > window) {
            if (wave == null && waves.size() >= MAX_TRACKED) {
                return false;
            }
            wave = new Wave(now);
            waves.put(fingerprint, wave);
        }
        synchronized (wave) {
            if (!wave.flagged && wave.recipients.size() < threshold) {
                wave.recipients.add(recipient);
                wave.flagged = wave.recipients.size() >= threshold;
            }
            return wave.flagged;
        }
    }

    /** Drops waves older than the window (a timer task). */
    void sweep() {
        long now = nanos.getAsLong();
        waves.values().removeIf(w -> now - w.started > window);
    }

    static String normalise(String body) {
        String decomposed = Normalizer.normalize(body, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.isLetter(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** FNV-1a, 64 bits: cheap, and collisions between different spam texts do no harm. */
    static long fingerprint(String normal) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < normal.length(); i++) {
            hash ^= normal.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
