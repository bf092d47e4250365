package im.parley.module.presence;

import im.parley.api.Origin;
import im.parley.api.StanzaException;
import im.parley.api.session.LocalSession;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Invisible command (XEP-0186): a session can go invisible to its contacts and become visible again. */
final class Invisibility {
    static final String NS = "urn:xmpp:invisible:0";

    private final PresenceBroadcast broadcast;

    Invisibility(PresenceBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    private static LocalSession own(IQ request, Origin origin) throws StanzaException {
        if (origin.kind() != Origin.Kind.CLIENT || origin.session().isEmpty()
                || (request.getTo() != null && !request.getTo().toBareJID().equals(origin.jid().toBareJID()))) {
            throw new StanzaException(PacketError.Condition.forbidden, "only for your own session");
        }
        return origin.session().get();
    }

    /** XEP-0186 §3.1: contacts that saw the session available now see it leave. */
    IQ invisible(IQ request, Origin origin) throws StanzaException {
        LocalSession session = own(request, origin);
        if (!PresenceState.invisible(session) && session.available()) {
            Presence unavailable = new Presence(Presence.Type.unavailable);
            unavailable.setFrom(session.address());
            session.flag(PresenceState.INVISIBLE, true);
            // Contacts only; the user's own resources and directed recipients still know it is there.
            broadcast.toContacts(session, unavailable);
        }
        session.flag(PresenceState.INVISIBLE, true);
        return IQ.createResultIQ(request);
    }

    /** XEP-0186 §3.2: the session's current presence is broadcast again. */
    IQ visible(IQ request, Origin origin) throws StanzaException {
        LocalSession session = own(request, origin);
        boolean was = PresenceState.invisible(session);
        session.flag(PresenceState.INVISIBLE, false);
        if (was && session.available() && session.presence() != null) {
            broadcast.toContacts(session, session.presence());
        }
        return IQ.createResultIQ(request);
    }
}
