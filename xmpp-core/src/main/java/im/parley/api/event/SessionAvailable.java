package im.parley.api.event;

import im.parley.api.session.LocalSession;

/**
 * A session sent its initial presence: it went from unavailable to available (RFC 6121 §4.2).
 * Published on the session's worker before modules see the presence itself, so that offline
 * messages and pending subscription requests reach the client right after it becomes available.
 */
public record SessionAvailable(LocalSession session) implements ServerEvent {
}
