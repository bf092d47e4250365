package im.parley.module.muc;

import im.parley.api.Scheduler;
import im.parley.api.routing.Router;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * IQ requests between occupants (XEP-0045 §7.5, e.g. version or vCard of an occupant): passed on
 * with the sender's occupant JID and an id of the room's, and the answer passed back.
 */
final class IqRelay {
    private record Pending(JID requester, String id, JID answerFrom) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Router router;
    private final Scheduler scheduler;

    IqRelay(Router router, Scheduler scheduler) {
        this.router = router;
        this.scheduler = scheduler;
    }

    /** Passes a request on from the sender's occupant JID to a device of the target. */
    void forward(IQ request, JID fromOccupant, JID toDevice) {
        String id = "muc-" + UUID.randomUUID();
        pending.put(id, new Pending(request.getFrom(), request.getID(), request.getTo()));
        scheduler.schedule(Duration.ofMinutes(1), () -> pending.remove(id));
        IQ copy = request.createCopy();
        copy.setID(id);
        copy.setFrom(fromOccupant);
        copy.setTo(toDevice);
        router.route(copy);
    }

    /** An answer to a relayed request goes back to who asked; other answers are dropped. */
    void answer(IQ answer) {
        Pending p = pending.remove(answer.getID());
        if (p == null) {
            return;
        }
        IQ copy = answer.createCopy();
        copy.setID(p.id());
        copy.setFrom(p.answerFrom());
        copy.setTo(p.requester());
        router.route(copy);
    }
}
