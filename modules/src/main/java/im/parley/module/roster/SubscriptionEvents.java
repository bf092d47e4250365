package im.parley.module.roster;

import im.parley.api.event.ServerEvent;
import org.xmpp.packet.JID;

/** Events the roster module publishes when who-sees-whom changes; the presence module acts on them. */
public final class SubscriptionEvents {
    private SubscriptionEvents() {
    }

    /**
     * The owner let the contact see its presence (RFC 6121 §3.1.5): the owner's current presence
     * must now be sent to the contact.
     */
    public record Approved(JID owner, JID contact) implements ServerEvent {
    }

    /**
     * The contact may no longer see the owner's presence (RFC 6121 §3.2.2): it must receive
     * unavailable presence from the owner's resources.
     */
    public record Revoked(JID owner, JID contact) implements ServerEvent {
    }
}
