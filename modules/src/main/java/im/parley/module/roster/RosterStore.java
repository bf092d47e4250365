package im.parley.module.roster;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.xmpp.packet.JID;

/**
 * Storage of rosters and of pending subscription requests. Changes to one item are atomic: the
 * store applies the change under a lock on the owner's roster, so concurrent changes from the
 * owner's several resources and from contacts do not lose updates (also across cluster nodes
 * for database-backed stores).
 */
public interface RosterStore extends im.parley.api.storage.AccountData {

    Roster roster(JID owner);

    Optional<RosterItem> item(JID owner, JID contact);

    /**
     * Changes one item atomically: the function gets the current item (empty when there is none)
     * and returns the new one (empty to remove it). The version increases only when the item
     * actually changed.
     */
    Change update(JID owner, JID contact, UnaryOperator<Optional<RosterItem>> change);

    int size(JID owner);

    List<PendingSubscription> pending(JID owner);

    Optional<PendingSubscription> pending(JID owner, JID contact);

    /** Stores or replaces the pending request of a contact. */
    void addPending(JID owner, PendingSubscription pending);

    /** Removes a contact's pending request; returns whether there was one. */
    boolean removePending(JID owner, JID contact);

    /** Deletes the roster and pending requests of an account. */
    void deleteAll(JID owner);

    @Override
    default void deleteAccountData(JID account) {
        deleteAll(account);
    }

    /**
     * The outcome of {@link #update}.
     *
     * @param version the roster's version after the change
     */
    record Change(Optional<RosterItem> before, Optional<RosterItem> after, long version) {
        public boolean changed() {
            return !before.equals(after);
        }
    }
}
