package im.parley.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens many clients, for login or for in-band registration, with at most {@code concurrency}
 * of them negotiating at once and at most {@code rate} new ones per second, and waits until each
 * is online, registered or failed. The calling thread paces and enforces time-outs; everything
 * else happens on I/O threads.
 */
public final class ConnectRun {
    private static final long POLL_MILLIS = 50;

    private final ClientConnector connector;
    private final LoadTarget target;
    private final int concurrency;
    private final double rate;
    private final Duration timeout;

    /**
     * @param rate new connections per second, 0 for as fast as the concurrency allows
     * @param timeout how long one client may take from connecting to online or registered
     */
    public ConnectRun(ClientConnector connector, LoadTarget target, int concurrency, double rate, Duration timeout) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.connector = connector;
        this.target = target;
        this.concurrency = concurrency;
        this.rate = rate;
        this.timeout = timeout;
    }

    /** Opens {@code count} clients with indexes {@code first}, {@code first + 1}, ... */
    public ConnectResult run(XmppClient.Purpose purpose, int first, int count) throws InterruptedException {
        Tracker tracker = new Tracker(count);
        CpuClock cpu = CpuClock.start();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (!tracker.permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                tracker.expire();
            }
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            XmppClient client = new XmppClient(first + i, purpose, target, connector, tracker);
            tracker.pending.add(client);
            client.start();
        }
        while (!tracker.done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            tracker.expire();
        }
        long elapsed = Math.max(1, tracker.lastSettled.get() - start);
        List<XmppClient> online = new ArrayList<>(tracker.online);
        online.sort(Comparator.comparingInt(XmppClient::index));
        return new ConnectResult(purpose, target, count, online, tracker.created.sum(), tracker.existed.sum(),
                tracker.failureCounts(), elapsed, tracker.latency, cpu.coresUsed());
    }

    /** Collects what the clients report; its callbacks run on I/O threads. */
    private final class Tracker implements ClientEvents {
        final Semaphore permits = new Semaphore(concurrency);
        final Set<XmppClient> pending = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<XmppClient> online = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final LongAdder created = new LongAdder();
        final LongAdder existed = new LongAdder();
        final Latency latency = new Latency();
        final AtomicLong lastSettled = new AtomicLong();
        final CountDownLatch done;

        Tracker(int count) {
            this.done = new CountDownLatch(count);
        }

        @Override
        public void online(XmppClient client) {
            latency.recordNanos(client.loginNanos());
            online.add(client);
            settled(client);
        }

        @Override
        public void registered(XmppClient client, boolean isNew) {
            (isNew ? created : existed).increment();
            latency.recordNanos(client.elapsedNanos());
            settled(client);
        }

        @Override
        public void failed(XmppClient client, String reason) {
            failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
            settled(client);
        }

        private void settled(XmppClient client) {
            if (pending.remove(client)) {
                lastSettled.accumulateAndGet(System.nanoTime(), Math::max);
                permits.release();
                done.countDown();
            }
        }

        void expire() {
            long limit = timeout.toNanos();
            for (XmppClient client : pending) {
                if (client.elapsedNanos() > limit) {
                    client.fail("timeout after " + timeout.toSeconds() + " s in step " + client.stepName());
                }
            }
        }

        Map<String, Long> failureCounts() {
            Map<String, Long> counts = new java.util.TreeMap<>();
            failures.forEach((reason, n) -> counts.put(reason, n.sum()));
            return counts;
        }
    }
}
