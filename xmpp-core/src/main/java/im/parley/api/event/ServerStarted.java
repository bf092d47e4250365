package im.parley.api.event;

/** Every module has started and the listeners accept connections. */
public record ServerStarted() implements ServerEvent {
}
