package im.parley.api.event;

/** The server is shutting down: listeners are closed, sessions are about to be closed. */
public record ServerStopping() implements ServerEvent {
}
