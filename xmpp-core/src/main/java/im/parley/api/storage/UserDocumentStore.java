package im.parley.api.storage;

import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Small per-account documents by key (the "per-user key-value" shape): vCards, private XML
 * storage, the time an account was last seen. Values are strings, usually serialized XML.
 * Keys are at most 255 characters; documents at most 1 MiB. The owner is a bare JID.
 */
public interface UserDocumentStore extends AccountData {

    Optional<String> get(JID owner, String key);

    /** Stores or replaces a document. */
    void put(JID owner, String key, String document);

    /** Deletes a document; returns whether there was one. */
    boolean delete(JID owner, String key);

    /** Deletes every document of an account (when the account is deleted). */
    void deleteAll(JID owner);

    @Override
    default void deleteAccountData(JID account) {
        deleteAll(account);
    }
}
