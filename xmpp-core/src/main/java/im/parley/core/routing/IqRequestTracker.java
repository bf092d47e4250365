package im.parley.core.routing;

import im.parley.api.Scheduler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/** IQ requests the server sent, waiting for their result or error. */
public final class IqRequestTracker {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(JID to, CompletableFuture<IQ> future) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final String node;

    public IqRequestTracker(Scheduler scheduler, String node) {
        this.scheduler = scheduler;
        this.node = node;
    }

    /**
     * Registers a request and returns the future of its answer. The request gets an id that names
     * this node, so that an answer arriving on another cluster node finds its way back here.
     */
    CompletableFuture<IQ> track(IQ request, Duration timeout) {
        request.setID("parley." + nextId() + "." + node);
        CompletableFuture<IQ> future = new CompletableFuture<>();
        String id = request.getID();
        pending.put(id, new Pending(request.getTo(), future));
        Scheduler.Task timer = scheduler.schedule(timeout, () -> {
            if (pending.remove(id) != null) {
                future.completeExceptionally(new TimeoutException("no answer to IQ " + id + " within " + timeout));
            }
        });
        future.whenComplete((r, e) -> timer.cancel());
        return future;
    }

    /** Completes the request an answer belongs to; the answer must come from the address asked. */
    boolean complete(IQ answer) {
        Pending p = pending.get(answer.getID());
        if (p == null || !sameSender(p.to(), answer.getFrom())) {
            return false;
        }
        pending.remove(answer.getID());
        p.future().complete(answer);
        return true;
    }

    /** The node that sent the request an answer belongs to, when that is another node. */
    Optional<String> otherNode(IQ answer) {
        String id = answer.getID();
        if (id == null || !id.startsWith("parley.")) {
            return Optional.empty();
        }
        String owner = id.substring(id.lastIndexOf('.') + 1);
        return owner.equals(node) ? Optional.empty() : Optional.of(owner);
    }

    private static boolean sameSender(JID asked, JID answered) {
        if (asked == null || answered == null) {
            return asked == answered;
        }
        // A request to a bare JID may be answered by the server for that account, i.e. from the bare JID.
        return asked.equals(answered) || (asked.getResource() == null && asked.toBareJID().equals(answered.toBareJID()));
    }

    private static String nextId() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
