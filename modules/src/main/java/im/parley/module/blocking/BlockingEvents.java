package im.parley.module.blocking;

import im.parley.api.event.ServerEvent;
import org.xmpp.packet.JID;

/** Events of the blocking module, for the presence module to keep presence in step (XEP-0191 §3.3, §3.4). */
public final class BlockingEvents {
    private BlockingEvents() {
    }

    /** The account blocked these addresses: they must get unavailable presence from it. */
    public record Blocked(JID account, BlockList blocked) implements ServerEvent {
    }

    /** The account unblocked these addresses: those allowed to see its presence get it again. */
    public record Unblocked(JID account, BlockList unblocked) implements ServerEvent {
    }
}
