package im.parley.api.event;

import im.parley.api.session.LocalSession;

/**
 * A bound session ended. Published on the session's own worker after its route is removed.
 *
 * @param session the session as it was when it ended (its last presence, availability)
 * @param clean whether the client closed the stream itself; false for errors and dropped connections
 */
public record SessionClosed(LocalSession session, boolean clean) implements ServerEvent {
}
