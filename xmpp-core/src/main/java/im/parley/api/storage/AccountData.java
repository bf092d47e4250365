package im.parley.api.storage;

import org.xmpp.packet.JID;

/**
 * A repository that keeps data belonging to accounts. When an account is deleted, every such
 * repository forgets it: through the modules' listeners while the server runs, and directly
 * through the storage backend when an admin deletes the account from the command line.
 */
public interface AccountData {

    /** Deletes everything kept for the account (a bare JID). */
    void deleteAccountData(JID account);
}
