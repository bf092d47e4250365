package im.parley.module.blocking;

import im.parley.api.session.LocalSession;
import im.parley.api.session.SessionKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Remembers, per session, the addresses it sent directed available presence to (RFC 6121 §4.6),
 * so that blocking one of them can take that presence back with unavailable presence.
 *
 * <p>A stopgap: the presence module, when it exists, owns who may see a user's presence (roster
 * subscriptions and directed presence) and should answer this instead; until then, directed
 * presence is the only way anyone gets a user's presence, so it is exactly the set XEP-0191 §3.3
 * means by "allowed to receive presence notifications".
 */
final class DirectedPresence {
    private static final SessionKey<Set<JID>> RECIPIENTS = SessionKey.of("blocking.directed-presence");
    /** Bounds what one session can make the server remember; beyond it, new addresses are not noted. */
    private static final int MAX_RECIPIENTS = 1000;

    private DirectedPresence() {
    }

    /** Notes a presence a session sends (after it passed the block checks). */
    static void sent(Presence presence, LocalSession session) {
        JID to = presence.getTo();
        Presence.Type type = presence.getType();
        if (to == null) {
            if (type == Presence.Type.unavailable) {
                session.set(RECIPIENTS, null); // RFC 6121 §4.6.3: going offline ends directed presence too
            }
            return;
        }
        if (type == null) {
            Set<JID> recipients = recipients(session);
            if (recipients.size() < MAX_RECIPIENTS) {
                recipients.add(to);
            }
        } else if (type == Presence.Type.unavailable) {
            recipients(session).remove(to);
        }
    }

    /**
     * Removes and returns the addresses that got directed presence from the session and that the
     * list blocks.
     */
    static List<JID> takeBack(LocalSession session, BlockList blocked) {
        Set<JID> recipients = session.get(RECIPIENTS);
        if (recipients == null) {
            return List.of();
        }
        List<JID> matching = recipients.stream().filter(blocked::blocks).toList();
        matching.forEach(recipients::remove);
        return matching;
    }

    private static Set<JID> recipients(LocalSession session) {
        Set<JID> set = session.get(RECIPIENTS);
        if (set == null) {
            // Read by the worker of whichever of the account's sessions handles a block command.
            set = ConcurrentHashMap.newKeySet();
            session.set(RECIPIENTS, set);
        }
        return set;
    }
}
