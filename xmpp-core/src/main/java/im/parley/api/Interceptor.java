package im.parley.api;

import im.parley.api.session.LocalSession;
import org.xmpp.packet.Packet;

/**
 * Sees stanzas at one {@link Phase}: it may pass them on, change them, drop them (return null)
 * or refuse them with an error to the sender (throw {@link StanzaException}, INBOUND only).
 */
@FunctionalInterface
public interface Interceptor {
    /**
     * @param session the sending session (INBOUND) or the receiving session (DELIVERY)
     * @return the stanza to continue with, or null to drop it silently
     */
    Packet intercept(Packet stanza, LocalSession session) throws StanzaException;
}
