package im.parley.module.blocking;

import java.util.Collection;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Where each account's block list (XEP-0191) is kept: the JIDs it blocks, which may be full JIDs,
 * bare JIDs, domains or domain/resource addresses. Owners are bare JIDs (a full JID stands for its
 * bare JID); items are kept as given, already normalised by {@link JID}'s parsing.
 */
public interface BlockListStore extends im.parley.api.storage.AccountData {

    /** The JIDs an account blocks, in no particular order; empty when it blocks none. */
    Set<JID> blocked(JID owner);

    /** Adds JIDs to an account's list; one already there stays there once. */
    void block(JID owner, Collection<JID> jids);

    /** Removes JIDs from an account's list; one that is not there is ignored. */
    void unblock(JID owner, Collection<JID> jids);

    /** Empties an account's list (unblock all, and the account's deletion). */
    void clear(JID owner);

    @Override
    default void deleteAccountData(JID account) {
        clear(account);
    }
}
