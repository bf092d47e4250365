package im.parley.module.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Message archives (XEP-0313): one archive per user account and, for group chat, one per room,
 * each an append-only sequence of messages in the order they were archived.
 *
 * <p>Every message has an id unique within its archive: the XEP-0359 stanza id the archive's
 * owner gave it, which clients page with (RSM, XEP-0059). Order is the order of appending (for
 * a store shared by cluster nodes, the order the database committed), which also orders the
 * messages' stamps within an archive up to clock skew between nodes; queries by time use the
 * stamps. Paging reads are keyset reads (an index seek, then {@code max} rows), so "the last 50
 * of a conversation" and "the 50 before" cost the same at any archive size.
 */
public interface ArchiveStore extends im.parley.api.storage.AccountData {

    /**
     * One archived message.
     *
     * @param archive the archive's owner: a user's bare JID or a room's JID
     * @param id      the stanza id by the owner: unique in the archive, at most 64 characters
     * @param stamp   when it was archived
     * @param with    the bare JID of the conversation's other party (for a room: the occupant's
     *                real bare JID when known, else the room JID with the nick as resource)
     * @param stanza  the message's XML as archived
     */
    record Archived(String archive, String id, Instant stamp, String with, String stanza) {
        public static final int MAX_ID_LENGTH = 64;
    }

    /**
     * Appends messages, in list order, in one transaction: when it returns they are durable. A
     * message whose id its archive already holds is skipped (a retry after a timeout stores nothing twice).
     */
    void append(List<Archived> messages);

    /**
     * Replaces the stanza of a stored message, keeping its id, stamp, partner and place: a retracted
     * or moderated message becomes a tombstone (XEP-0424 §7, XEP-0425 §6). False when the archive
     * holds no message with that id.
     */
    boolean replace(String archive, String id, String stanza);

    /**
     * What to read from one archive. All filters are optional (null); {@code start} and
     * {@code end} are inclusive. At most one of {@code afterId} and {@code beforeId}, and
     * {@code ids} excludes the other filters but {@code with}.
     *
     * @param last     true for the page at the end: the last {@code max} matches (or the last before
     *                 {@code beforeId}); false for the first {@code max} (or the first after {@code afterId})
     * @param ids      specific messages (XEP-0313 §4.1.4 'ids'), returned in archive order
     */
    record Query(String archive, String with, Instant start, Instant end, String afterId, String beforeId,
                 List<String> ids, int max, boolean last) {

        public Query {
            if (max < 0) {
                throw new IllegalArgumentException("max must not be negative, got " + max);
            }
            if (afterId != null && beforeId != null) {
                throw new IllegalArgumentException("afterId and beforeId exclude each other");
            }
            ids = ids == null ? null : List.copyOf(ids);
        }

        /** The first {@code max} messages of an archive (or of one conversation, with {@code with}). */
        public static Query first(String archive, String with, int max) {
            return new Query(archive, with, null, null, null, null, null, max, false);
        }

        /** The last {@code max} messages. */
        public static Query last(String archive, String with, int max) {
            return new Query(archive, with, null, null, null, null, null, max, true);
        }

        public Query after(String id) {
            return new Query(archive, with, start, end, id, null, ids, max, false);
        }

        public Query before(String id) {
            return new Query(archive, with, start, end, null, id, ids, max, true);
        }

        public Query between(Instant from, Instant to) {
            return new Query(archive, with, from, to, afterId, beforeId, ids, max, last);
        }
    }

    /**
     * A page of results, always in archive order (oldest first), whichever end it was read from.
     *
     * @param complete true when no match lies beyond the page in the direction read: after it for a
     *                 forward read, before it for a read from the end (XEP-0313 §4.3 'complete')
     */
    record Page(List<Archived> messages, boolean complete) {
        public Page {
            messages = List.copyOf(messages);
        }
    }

    /** Reads a page; empty when {@code afterId} or {@code beforeId} is not an id of the archive. */
    Optional<Page> query(Query query);

    /** The archive's oldest message, for XEP-0313 metadata. */
    Optional<Archived> first(String archive);

    /** The archive's newest message. */
    Optional<Archived> last(String archive);

    /** Deletes the archive's messages archived before the instant; returns how many. */
    int deleteOlderThan(String archive, Instant cutoff);

    /** Deletes messages archived before the instant in every archive; returns how many. */
    int deleteOlderThan(Instant cutoff);

    /** Deletes the whole archive; returns how many messages it held. */
    int deleteArchive(String archive);

    @Override
    default void deleteAccountData(JID account) {
        deleteArchive(account.toBareJID());
    }
}
