package im.parley.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A thread-safe latency record in microseconds, from 1 µs to one hour at three significant digits. */
public final class Latency {
    private static final long MAX_MICROS = 3_600_000_000L;

    private final Histogram histogram = new ConcurrentHistogram(1, MAX_MICROS, 3);

    /** Records a duration given in nanoseconds; durations out of range are clamped. */
    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(MAX_MICROS, nanos / 1000)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The percentile (0-100) in microseconds; 0 when nothing was recorded. */
    public long percentileMicros(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    public double meanMicros() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    /** Adds the usual percentiles, in microseconds, to a JSON line under {@code prefix_p50_us} and so on. */
    void putJson(JsonLine json, String prefix) {
        json.put(prefix + "_p50_us", percentileMicros(50))
                .put(prefix + "_p90_us", percentileMicros(90))
                .put(prefix + "_p99_us", percentileMicros(99))
                .put(prefix + "_max_us", maxMicros())
                .put(prefix + "_mean_us", Math.round(meanMicros()));
    }

    /** "p50 1.23 ms  p90 ...": for the human summary. */
    String describeMillis() {
        return String.format(java.util.Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                percentileMicros(50) / 1000.0, percentileMicros(90) / 1000.0, percentileMicros(99) / 1000.0,
                maxMicros() / 1000.0);
    }
}
