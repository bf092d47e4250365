package im.parley.api;

import org.xmpp.packet.Packet;

/** Takes part in handling a message or presence on one {@link StanzaRoute}. */
@FunctionalInterface
public interface StanzaHandler {
    /** @return true when the stanza is fully handled and later handlers and the default must not run */
    boolean handle(Packet stanza, Origin origin) throws StanzaException;
}
