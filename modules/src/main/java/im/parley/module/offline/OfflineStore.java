package im.parley.module.offline;

import java.time.Instant;
import java.util.List;
import org.xmpp.packet.JID;

/** Messages kept for accounts that were offline (XEP-0160), in arrival order. */
public interface OfflineStore extends im.parley.api.storage.AccountData {

    /** A stored message: its id gives the order; the stanza is serialized XML with its delay stamp. */
    record Stored(long id, Instant stored, String stanza) {
    }

    /**
     * Appends a message unless the owner already has {@code limit} or more; atomic per owner.
     *
     * @return false when the owner's storage is full
     */
    boolean add(JID owner, Instant stored, String stanza, int limit);

    /** The owner's oldest messages first, at most {@code max}. */
    List<Stored> list(JID owner, int max);

    /** Removes delivered messages. */
    void remove(JID owner, List<Long> ids);

    int count(JID owner);

    /** Deletes messages stored before the instant; returns how many. */
    int deleteOlderThan(Instant cutoff);

    void deleteAll(JID owner);

    @Override
    default void deleteAccountData(JID account) {
        deleteAll(account);
    }
}
