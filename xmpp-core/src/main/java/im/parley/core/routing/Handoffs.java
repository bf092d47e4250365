package im.parley.core.routing;

import im.parley.api.xml.XmlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Acknowledge after durable, across nodes. A message a client sent under stream management
 * (XEP-0198) counts as handled only once every node its routing handed it to has confirmed taking
 * it: written to the recipient's session there, or routed on that node (offline storage). While
 * such a stanza is handled, a {@link Scope} on the handling thread collects the handoffs; when the
 * last is confirmed, the scope's completion runs. A handoff whose node leaves the cluster before
 * confirming is routed again on this node, where the recipient's sessions on the lost node are
 * gone, so it reaches the recipient's other sessions or offline storage: a possible duplicate is
 * preferred to a loss.
 */
public final class Handoffs {
    private static final Logger LOG = LoggerFactory.getLogger(Handoffs.class);

    private final String localNode;
    private final ThreadLocal<Scope> current = new ThreadLocal<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A message handed to another node, waiting for that node's confirmation. */
    public record Pending(long id, Scope scope, String node, String xml, long sentAtNanos) {
        public Packet stanza() {
            return XmlText.stanza(xml);
        }

        /** Counts this handoff as done for the stanza that made it. */
        public void release() {
            scope.release();
        }
    }

    public Handoffs(String localNode) {
        this.localNode = localNode;
    }

    /**
     * Opens a scope on this thread for one client stanza; {@code done} runs once the handling has
     * ended ({@link Scope#close}) and every handoff it made is confirmed, on whichever thread comes last.
     */
    public Scope open(Runnable done) {
        Scope scope = new Scope(done);
        current.set(scope);
        return scope;
    }

    /** The handling of one client stanza, with the handoffs it waits for. */
    public final class Scope implements AutoCloseable {
        private final Runnable done;
        private int outstanding = 1; // the handling itself, until close

        private Scope(Runnable done) {
            this.done = done;
        }

        private synchronized void hold() {
            outstanding++;
        }

        void release() {
            boolean last;
            synchronized (this) {
                last = --outstanding == 0;
            }
            if (last) {
                done.run();
            }
        }

        /** The handling has ended on this thread; completes unless handoffs still wait. */
        @Override
        public void close() {
            current.remove();
            release();
        }
    }

    /**
     * Registers a stanza about to be handed to another node when a client stanza is being handled
     * and the stanza is a message someone would miss (not a headline or an error); returns the
     * receipt the other node confirms with, or null when no confirmation is wanted.
     */
    String hold(String node, Packet stanza, String xml) {
        Scope scope = current.get();
        if (scope == null || !(stanza instanceof Message message)
                || message.getType() == Message.Type.headline || message.getType() == Message.Type.error) {
            return null;
        }
        scope.hold();
        long id = ids.incrementAndGet();
        pending.put(id, new Pending(id, scope, node, xml, System.nanoTime()));
        return id + "@" + localNode;
    }

    /**
     * The receiving node confirmed the handoff with this receipt; also when it was never sent (its
     * node had left), as the caller then routes the stanza elsewhere itself.
     */
    public void confirmed(String receipt) {
        Pending p = pending.remove(parseId(receipt));
        if (p != null) {
            p.release();
        }
    }

    /** Takes the handoffs to a node that left the cluster before confirming them, oldest first. */
    public List<Pending> takeFor(String node) {
        List<Pending> lost = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.node().equals(node) && pending.remove(p.id(), p)) {
                lost.add(p);
            }
        }
        lost.sort((a, b) -> Long.compare(a.id(), b.id()));
        return lost;
    }

    /**
     * Gives up waiting on confirmations older than the limit, from a node that is still a member
     * but did not answer: the message counts as handled (the node has it), with a warning.
     */
    public void expire(Duration limit) {
        long now = System.nanoTime();
        int expired = 0;
        for (Pending p : pending.values()) {
            if (now - p.sentAtNanos() > limit.toNanos() && pending.remove(p.id(), p)) {
                p.release();
                expired++;
            }
        }
        if (expired > 0) {
            LOG.warn("{} messages handed to other nodes were not confirmed within {} s; counted as handled",
                    expired, limit.toSeconds());
        }
    }

    /** Handoffs waiting for confirmation now. */
    public int waiting() {
        return pending.size();
    }

    /** The receipt's own id, if it is this node's: "id@node". */
    private static long parseId(String receipt) {
        int at = receipt.indexOf('@');
        try {
            return Long.parseLong(at < 0 ? receipt : receipt.substring(0, at));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The node that wants a receipt's confirmation. */
    public static String nodeOf(String receipt) {
        int at = receipt.indexOf('@');
        return at < 0 ? null : receipt.substring(at + 1);
    }
}
