package im.parley.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One step of a fixed-window counter, run on the counter's partition owner so that concurrent
 * steps from every node add up. A missing or ended counter starts again at {@code delta} for a
 * new window; steps within a window do not extend it.
 *
 * <p>The window's end is kept in the value: Hazelcast keeps expiry times in whole seconds (a 2 s
 * TTL can end after 1.1 s, one under a second would round to nothing), so the entry's TTL only
 * clears counters that nobody touches any more, and is set to outlast the window. A node that
 * dies takes the counters it owned with it: they start again, which rate limits can live with.
 *
 * @param delta what to add
 * @param windowMillis how long a new window lasts
 */
record CounterIncrement(long delta, long windowMillis) implements EntryProcessor<String, CounterIncrement.Window, Long> {

    /** A counter's value and when its window ends (owner's clock, epoch milliseconds). */
    record Window(long endMillis, long value) {
    }

    @Override
    public Long process(Map.Entry<String, Window> entry) {
        ExtendedMapEntry<String, Window> counter = (ExtendedMapEntry<String, Window>) entry;
        Window current = counter.getValue();
        // The processor runs on the partition owner, so every node's steps read the same clock.
        long now = System.currentTimeMillis();
        if (current == null || current.endMillis() <= now) {
            long ttlSeconds = TimeUnit.MILLISECONDS.toSeconds(windowMillis) + 2;
            counter.setValue(new Window(now + windowMillis, delta), ttlSeconds, TimeUnit.SECONDS);
            return delta;
        }
        Window next = new Window(current.endMillis(), current.value() + delta);
        counter.setValueWithoutChangingExpiryTime(next);
        return next.value();
    }

    /**
     * None: counters have no backups (see {@link HazelcastSettings}). Re-running the step on a
     * backup would read that node's clock and could open a window the owner did not.
     */
    @Override
    public EntryProcessor<String, Window, Long> getBackupProcessor() {
        return null;
    }
}
