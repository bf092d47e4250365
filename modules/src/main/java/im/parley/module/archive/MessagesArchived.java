package im.parley.module.archive;

import im.parley.api.event.ServerEvent;
import java.util.List;
import org.xmpp.packet.Message;

/**
 * A message was written to archives (one entry per archive: the sender's, the recipient's), so
 * views derived from archives (the inbox) follow. Published by the archiving module after the
 * write, on the thread that handled the message.
 *
 * @param message  the message as archived
 * @param archived the entries written, each with whether the message came to the archive's owner
 */
public record MessagesArchived(Message message, List<Entry> archived) implements ServerEvent {

    /** One archive's copy; {@code incoming} when the archive's owner received the message. */
    public record Entry(ArchiveStore.Archived entry, boolean incoming) {
    }

    public MessagesArchived {
        archived = List.copyOf(archived);
    }
}
