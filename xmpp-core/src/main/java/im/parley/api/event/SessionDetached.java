package im.parley.api.event;

import im.parley.api.session.LocalSession;
import java.util.List;
import org.xmpp.packet.Message;

/**
 * A session's connection dropped and the session waits for its client to resume (XEP-0198).
 * Published on the session's worker.
 *
 * @param session the session, now detached
 * @param unacknowledged messages sent to the client that it has not acknowledged (it may never
 *                       have seen them), oldest first
 */
public record SessionDetached(LocalSession session, List<Message> unacknowledged) implements ServerEvent {
}
