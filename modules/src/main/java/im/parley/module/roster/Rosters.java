package im.parley.module.roster;

import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * What the roster module tells other modules (presence, last activity, blocking): who is
 * subscribed to whom. Obtained with {@code ctx.service(Rosters.class)}.
 */
public interface Rosters {

    Optional<RosterItem> item(JID owner, JID contact);

    List<RosterItem> items(JID owner);

    /** Contacts that receive the owner's presence (subscription from or both). */
    default List<JID> presenceSubscribers(JID owner) {
        return items(owner).stream().filter(i -> i.subscription().hasFrom()).map(RosterItem::contact).toList();
    }

    /** Contacts whose presence the owner receives (subscription to or both). */
    default List<JID> presenceSubscriptions(JID owner) {
        return items(owner).stream().filter(i -> i.subscription().hasTo()).map(RosterItem::contact).toList();
    }

    /** Whether the contact may see the owner's presence and last activity. */
    default boolean isSubscribedTo(JID owner, JID contact) {
        return item(owner, contact).map(i -> i.subscription().hasFrom()).orElse(false);
    }
}
