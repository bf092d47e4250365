package im.parley.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * counts arrivals inside it. Under stream management (XEP-0198) senders also ask the server to
 * acknowledge their messages, and the time from sending a message to the server's {@code <a/>}
 * covering it is recorded as ack latency. Use each instance for one run.
 */
public final class MessageRun {
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    /** While draining, senders still awaiting acks ask again this often (a request may have overtaken the last message). */
    private static final long ACK_REQUEST_NANOS = 1_000_000_000L;

    /** How senders decide when to send. */
    public enum Mode { SATURATE, RATE }

    /**
     * @param window messages in flight per sender (SATURATE)
     * @param rate messages per second over all senders (RATE)
     * @param drain how long to wait after sending stops for the last messages (and acks)
     * @param ackEvery under stream management, a sender asks for an ack ({@code <r/>} in the same
     *     write) with every {@code ackEvery}-th message; 0 never asks, and no ack latency is measured
     */
    public record Settings(Mode mode, int window, double rate, Duration warmup, Duration duration, Duration drain,
                           int ackEvery) {
        public Settings {
            if (mode == Mode.SATURATE && window < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            if (mode == Mode.RATE && rate <= 0) {
                throw new IllegalArgumentException("rate must be positive");
            }
            if (ackEvery < 0) {
                throw new IllegalArgumentException("ackEvery must not be negative");
            }
        }

        /** Settings asking for an ack with every message under stream management. */
        public Settings(Mode mode, int window, double rate, Duration warmup, Duration duration, Duration drain) {
            this(mode, window, rate, warmup, duration, drain, 1);
        }
    }

    private final Settings settings;
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedInWindow = new LongAdder();
    private final LongAdder bounced = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final Map<String, LongAdder> disconnectReasons = new ConcurrentHashMap<>();
    private final Latency latency = new Latency();
    private final Latency ackLatency = new Latency();
    private final Object settledLock = new Object();
    private volatile boolean sending;
    private volatile boolean expectAcks;
    private volatile long runStart = Long.MAX_VALUE;
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
        boolean managed = senders.stream().anyMatch(s -> s.client.managed());
        expectAcks = managed && settings.ackEvery() > 0;
        CpuClock cpu = CpuClock.start();
        long t0 = System.nanoTime();
        runStart = t0;
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
        awaitSettled(senders, System.nanoTime() + settings.drain().toNanos());
        double cores = cpu.coresUsed();
        clients.forEach(c -> c.listen(new ClientEvents() { }));
        Map<String, Long> reasons = new TreeMap<>();
        disconnectReasons.forEach((reason, n) -> reasons.put(reason, n.sum()));
        return new MessageResult(settings, tls, senders.size(), sent.sum(), sentInWindow.sum(), received.sum(),
                receivedInWindow.sum(), bounced.sum(), disconnects.sum(), latency, cores,
                managed, acked.sum(), ackLatency, reasons, senders.stream().filter(Sender::missing).map(Sender::describe).toList());
    }

    private List<Sender> pair(List<XmppClient> clients) {
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i + 1 < clients.size(); i += 2) {
            XmppClient from = clients.get(i);
            XmppClient to = clients.get(i + 1);
            if (from.jid() == null || to.jid() == null) {
                continue;
            }
            Sender sender = new Sender(from, to, Stanzas.chatPrefix(to.jid()));
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

    /**
     * Waits, until the deadline at most, for every message sent to arrive or bounce and, when acks
     * are asked for, to be acknowledged: senders with messages not acknowledged ask again, at once
     * when the last messages may have gone out without a request, and then every second.
     */
    private void awaitSettled(List<Sender> senders, long deadline) throws InterruptedException {
        boolean ask = settings.ackEvery() > 1;
        while (!settled() && System.nanoTime() < deadline) {
            if (expectAcks && ask) {
                senders.forEach(Sender::requestAwaitedAcks);
            }
            ask = true;
            long until = Math.min(deadline, System.nanoTime() + ACK_REQUEST_NANOS);
            synchronized (settledLock) {
                for (long left = until - System.nanoTime(); left > 0 && !settled(); left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(settledLock, left);
                }
            }
        }
    }

    private boolean settled() {
        long out = sent.sum();
        return received.sum() + bounced.sum() >= out && (!expectAcks || acked.sum() >= out);
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

    /** The first client of a pair, with its messages' fixed prefix and the pair's own counts. */
    private final class Sender {
        private final XmppClient client;
        private final String prefix;
        private final XmppClient receiver;
        private final LongAdder sentHere = new LongAdder();
        private final LongAdder settledHere = new LongAdder();
        private final LongAdder ackedHere = new LongAdder();

        Sender(XmppClient client, XmppClient receiver, String prefix) {
            this.client = client;
            this.receiver = receiver;
            this.prefix = prefix;
        }

        /** Sends one message stamped now, unless sending has stopped; under stream management it may ask for an ack. */
        void next() {
            if (!sending) {
                return;
            }
            long now = System.nanoTime();
            client.send(prefix + now + Stanzas.BODY_END, now, settings.ackEvery());
            sentHere.increment();
            sent.increment();
            if (inWindow(now)) {
                sentInWindow.increment();
            }
        }

        /** Whether messages of this pair neither arrived nor bounced: losses spread over pairs, or one stuck stream. */
        boolean missing() {
            return settledHere.sum() < sentHere.sum();
        }

        /** Where this pair's missing messages may be: not written by the tool yet, or on the server's side. */
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%s (%s) -> %s: sent %d, arrived or bounced %d%s; %d bytes in %d writes still queued in the tool for the sender%s",
                    client.username(), client.localAddress(), receiver.username(), sentHere.sum(), settledHere.sum(),
                    expectAcks ? ", acked " + ackedHere.sum() : "", client.queuedBytes(), client.queuedWrites(),
                    client.online() ? "" : " (sender offline)");
        }

        void requestAwaitedAcks() {
            if (client.awaitingAcks() > 0) {
                client.requestAck();
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
                sender.settledHere.increment();
            } else {
                long stamp = stamp(message.elementText("body"));
                if (stamp == Long.MIN_VALUE) {
                    return; // not one of ours
                }
                received.increment();
                sender.settledHere.increment();
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
        public void acknowledged(XmppClient client, long sentNanos) {
            if (sentNanos < runStart) {
                return; // sent by an earlier run on these clients
            }
            acked.increment();
            sender.ackedHere.increment();
            if (inWindow(sentNanos)) {
                ackLatency.recordNanos(System.nanoTime() - sentNanos);
            }
            arrived();
        }

        @Override
        public void disconnected(XmppClient client, String reason) {
            disconnects.increment();
            disconnectReasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
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
