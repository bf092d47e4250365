package im.parley.api.event;

import im.parley.api.session.LocalSession;

/** A client bound a resource on this node. Published on the session's own worker. */
public record SessionBound(LocalSession session) implements ServerEvent {
}
