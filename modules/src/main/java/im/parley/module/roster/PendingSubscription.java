package im.parley.module.roster;

import org.xmpp.packet.JID;

/**
 * A subscription request the owner has not answered yet ("pending in", RFC 6121 §3.1.3), kept
 * with the stanza so it can be delivered again when the owner comes online.
 */
public record PendingSubscription(JID contact, String stanza) {
}
