package im.parley.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.dom4j.Element;

/**
 * Measures one-to-one chat delivery between pairs of online clients: the first of each pair
 * sends to the second's full JID, each body carrying the send time from this JVM's
 * {@link System#nanoTime()}, so latency is read on one clock. SATURATE keeps a window of
 * messages in flight per sender (each arrival releases the next send, on the receiving I/O
 * thread, without a thread hop); RATE sends a fixed total rate from one pacing thread. Only
 * messages sent inside the measurement window (after the warm-up) count for latency; throughput
 * counts arrivals inside it. Use each instance for one run.
 */
public final class MessageRun {
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    /** How senders decide when to send. */
    public enum Mode { SATURATE, RATE }

    /**
     * @param window messages in flight per sender (SATURATE)
     * @param rate messages per second over all senders (RATE)
     * @param drain how long to wait after sending stops for the last messages
     */
    public record Settings(Mode mode, int window, double rate, Duration warmup, Duration duration, Duration drain) {
        public Settings {
            if (mode == Mode.SATURATE && window < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            if (mode == Mode.RATE && rate <= 0) {
                throw new IllegalArgumentException("rate must be positive");
            }
        }
    }

    private final Settings settings;
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedInWindow = new LongAdder();
    private final LongAdder bounced = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final Latency latency = new Latency();
    private final Object settledLock = new Object();
    private volatile boolean sending;
    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;

    public MessageRun(Settings settings) {
        this.settings = settings;
    }

    /** Pairs the clients in the order given (1st with 2nd, 3rd with 4th, ...), runs, and reports. */
    public MessageResult run(List<XmppClient> clients, boolean tls) throws InterruptedException {
        List<Sender> senders = pair(clients);
        if (senders.isEmpty()) {
            throw new IllegalStateException("need at least one pair of online clients, have " + clients.size() + " clients");
        }
        CpuClock cpu = CpuClock.start();
        long t0 = System.nanoTime();
        measureStart = t0 + settings.warmup().toNanos();
        measureEnd = measureStart + settings.duration().toNanos();
        sending = true;
        if (settings.mode() == Mode.SATURATE) {
            for (int w = 0; w < settings.window(); w++) {
                senders.forEach(Sender::next);
            }
            TimeUnit.NANOSECONDS.sleep(measureEnd - System.nanoTime()); // the run lasts its set duration
        } else {
            pace(senders, t0, measureEnd);
        }
        sending = false;
        awaitSettled(System.nanoTime() + settings.drain().toNanos());
        double cores = cpu.coresUsed();
        clients.forEach(c -> c.listen(new ClientEvents() { }));
        return new MessageResult(settings, tls, senders.size(), sent.sum(), sentInWindow.sum(), received.sum(),
                receivedInWindow.sum(), bounced.sum(), disconnects.sum(), latency, cores);
    }

    private List<Sender> pair(List<XmppClient> clients) {
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i + 1 < clients.size(); i += 2) {
            XmppClient from = clients.get(i);
            XmppClient to = clients.get(i + 1);
            if (from.jid() == null || to.jid() == null) {
                continue;
            }
            Sender sender = new Sender(from, Stanzas.chatPrefix(to.jid()));
            PairEvents events = new PairEvents(sender);
            from.listen(events);
            to.listen(events);
            senders.add(sender);
        }
        return senders;
    }

    /**
     * Sends {@code rate} messages per second round robin over the senders until {@code end},
     * sleeping until the next one is due: waking more often only costs the tool CPU.
     */
    private void pace(List<Sender> senders, long t0, long end) {
        double nanosPerMessage = 1e9 / settings.rate();
        long issued = 0;
        int next = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            long due = (long) ((now - t0) / nanosPerMessage);
            for (; issued < due; issued++) {
                senders.get(next).next();
                next = next + 1 == senders.size() ? 0 : next + 1;
            }
            long nextDue = t0 + (long) ((issued + 1) * nanosPerMessage);
            LockSupport.parkNanos(Math.max(MIN_PARK_NANOS, Math.min(MAX_PARK_NANOS, nextDue - System.nanoTime())));
        }
    }

    /** Waits, until the deadline at most, for every message sent to arrive or bounce. */
    private void awaitSettled(long deadline) throws InterruptedException {
        synchronized (settledLock) {
            for (long left = deadline - System.nanoTime(); left > 0 && !settled(); left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(settledLock, left);
            }
        }
    }

    private boolean settled() {
        return received.sum() + bounced.sum() >= sent.sum();
    }

    /** Called after each arrival or bounce: once sending has stopped, wakes the drain wait when all are in. */
    private void arrived() {
        if (!sending && settled()) {
            synchronized (settledLock) {
                settledLock.notifyAll();
            }
        }
    }

    private boolean inWindow(long nanos) {
        return nanos >= measureStart && nanos < measureEnd;
    }

    /** The first client of a pair, with its messages' fixed prefix. */
    private final class Sender {
        private final XmppClient client;
        private final String prefix;

        Sender(XmppClient client, String prefix) {
            this.client = client;
            this.prefix = prefix;
        }

        /** Sends one message stamped now, unless sending has stopped. */
        void next() {
            if (!sending) {
                return;
            }
            long now = System.nanoTime();
            client.send(prefix + now + Stanzas.BODY_END);
            sent.increment();
            if (inWindow(now)) {
                sentInWindow.increment();
            }
        }
    }

    /** Both clients of a pair report here: the receiver its messages, the sender any bounces. */
    private final class PairEvents implements ClientEvents {
        private final Sender sender;
        private final boolean saturate = settings.mode() == Mode.SATURATE;

        PairEvents(Sender sender) {
            this.sender = sender;
        }

        @Override
        public void message(XmppClient client, Element message) {
            long now = System.nanoTime();
            if ("error".equals(message.attributeValue("type"))) {
                bounced.increment();
            } else {
                long stamp = stamp(message.elementText("body"));
                if (stamp == Long.MIN_VALUE) {
                    return; // not one of ours
                }
                received.increment();
                if (inWindow(now)) {
                    receivedInWindow.increment();
                }
                if (inWindow(stamp)) {
                    latency.recordNanos(now - stamp);
                }
            }
            if (saturate) {
                sender.next();
            }
            arrived();
        }

        @Override
        public void disconnected(XmppClient client, String reason) {
            disconnects.increment();
        }

        private static long stamp(String body) {
            if (body == null) {
                return Long.MIN_VALUE;
            }
            try {
                return Long.parseLong(body);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
    }
}
