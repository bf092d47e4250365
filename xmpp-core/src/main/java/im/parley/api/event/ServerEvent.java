package im.parley.api.event;

/** Marker for server events. Events are records: one type per event, so a typo does not compile. */
public interface ServerEvent {
}
