package im.parley.module.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Each user's conversations (XEP-0430 inbox): one entry per conversation partner with the last
 * message and how many messages the user has not read, listed newest first. Derived from the
 * archive as messages pass; reading it never touches the archive.
 */
public interface InboxStore extends im.parley.api.storage.AccountData {

    /**
     * One conversation.
     *
     * @param owner      the user (bare JID)
     * @param with       the other party (bare JID, or a room's JID)
     * @param lastId     the archive id of the last message
     * @param lastStamp  when the last message was archived: the order of the inbox
     * @param lastStanza the last message's XML
     * @param unread     messages from the other party since the user last read or wrote
     */
    record Conversation(String owner, String with, String lastId, Instant lastStamp, String lastStanza, int unread) {
    }

    /**
     * A message in a conversation: it becomes the conversation's last. An incoming one counts as
     * unread; one the owner sent means the owner has read everything before it.
     */
    record Update(String owner, String with, String id, Instant stamp, String stanza, boolean incoming) {
    }

    /** Applies updates in list order, in one transaction. */
    void record(List<Update> updates);

    /** The user has read the conversation (a displayed or acknowledged chat marker, XEP-0333). */
    void markRead(String owner, String with);

    /**
     * Conversations newest first.
     *
     * @param after      the partner of the last conversation of the previous page, or null for the first page
     * @param unreadOnly only conversations with unread messages
     * @return empty when {@code after} names no conversation of the owner
     */
    Optional<Page> list(String owner, String after, int max, boolean unreadOnly);

    /** A page of conversations; {@code complete} when none follows. */
    record Page(List<Conversation> conversations, boolean complete) {
        public Page {
            conversations = List.copyOf(conversations);
        }
    }

    /** The owner's totals: conversations, conversations with unread messages, unread messages. */
    record Totals(int conversations, int unreadConversations, int unreadMessages) {
    }

    Totals totals(String owner);

    /** Forgets every conversation of the owner. */
    void deleteInbox(String owner);

    @Override
    default void deleteAccountData(JID account) {
        deleteInbox(account.toBareJID());
    }
}
