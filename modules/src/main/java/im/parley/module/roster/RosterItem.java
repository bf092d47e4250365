package im.parley.module.roster;

import java.util.Set;
import java.util.TreeSet;
import org.xmpp.packet.JID;

/**
 * One contact in a roster (RFC 6121 §2.1.2).
 *
 * @param contact the contact's bare JID
 * @param name the user's name for the contact, or null
 * @param ask whether the owner asked to see the contact's presence and awaits an answer ("pending out")
 * @param approved whether the owner pre-approved the contact's subscription (RFC 6121 §3.4)
 * @param groups the groups the owner put the contact in
 */
public record RosterItem(JID contact, String name, Subscription subscription, boolean ask, boolean approved,
                         Set<String> groups) {

    public RosterItem {
        if (contact.getResource() != null) {
            contact = contact.asBareJID();
        }
        groups = Set.copyOf(new TreeSet<>(groups));
    }

    /** A new item the owner added, not yet subscribed either way. */
    public static RosterItem of(JID contact) {
        return new RosterItem(contact, null, Subscription.NONE, false, false, Set.of());
    }

    public RosterItem withSubscription(Subscription s) {
        return new RosterItem(contact, name, s, ask, approved, groups);
    }

    public RosterItem withAsk(boolean a) {
        return new RosterItem(contact, name, subscription, a, approved, groups);
    }

    public RosterItem withApproved(boolean a) {
        return new RosterItem(contact, name, subscription, ask, a, groups);
    }

    public RosterItem withNameAndGroups(String n, Set<String> g) {
        return new RosterItem(contact, n, subscription, ask, approved, g);
    }
}
