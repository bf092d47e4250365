package im.parley.api.event;

import org.xmpp.packet.JID;

/** An account was deleted; modules delete the data they keep for it. */
public record AccountDeleted(JID account) implements ServerEvent {
}
