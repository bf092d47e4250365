package im.parley.api.event;

import org.xmpp.packet.JID;

/** An account was created (CLI, admin command, in-band registration). */
public record AccountCreated(JID account) implements ServerEvent {
}
