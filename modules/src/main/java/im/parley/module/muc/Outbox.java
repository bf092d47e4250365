package im.parley.module.muc;

import im.parley.api.Scheduler;
import im.parley.api.routing.Router;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.xmpp.packet.Packet;

/**
 * A room's outgoing stanzas, in order. A small fan-out is routed at once on the caller's thread
 * (the sender's worker, where local delivery is a non-blocking queue write); what exceeds one
 * slice is queued and routed slice by slice on the shared scheduler, so that a message to 10,000
 * occupants holds up neither its sender's session nor other rooms. Order between the room and
 * each occupant holds: nothing is routed inline while a queue is draining.
 */
final class Outbox {
    private final Router router;
    private final Scheduler scheduler;
    private final int slice;
    private final ArrayDeque<Packet> queue = new ArrayDeque<>();
    private boolean draining;

    Outbox(Router router, Scheduler scheduler, int slice) {
        this.router = router;
        this.scheduler = scheduler;
        this.slice = slice;
    }

    void send(Packet packet) {
        sendAll(List.of(packet));
    }

    synchronized void sendAll(List<? extends Packet> packets) {
        int i = 0;
        if (!draining) {
            for (; i < packets.size() && i < slice; i++) {
                router.route(packets.get(i));
            }
        }
        if (i < packets.size()) {
            queue.addAll(packets.subList(i, packets.size()));
            if (!draining) {
                draining = true;
                scheduler.schedule(Duration.ZERO, this::drain);
            }
        }
    }

    /** Stanzas waiting to be routed (for metrics and tests). */
    synchronized int pending() {
        return queue.size();
    }

    private void drain() {
        List<Packet> next = new ArrayList<>(slice);
        synchronized (this) {
            while (next.size() < slice && !queue.isEmpty()) {
                next.add(queue.poll());
            }
        }
        for (Packet p : next) {
            try {
                router.route(p);
            } catch (RuntimeException e) {
                // one stanza that cannot be routed must not stop the room's queue
                org.slf4j.LoggerFactory.getLogger(Outbox.class).warn("Routing a room's stanza to {} failed", p.getTo(), e);
            }
        }
        synchronized (this) {
            if (queue.isEmpty()) {
                draining = false;
            } else {
                scheduler.schedule(Duration.ZERO, this::drain);
            }
        }
    }
}
