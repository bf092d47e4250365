package im.parley.api.event;

/** Receives one type of {@link ServerEvent}. A listener that throws is logged and the others still run. */
@FunctionalInterface
public interface EventListener<E extends ServerEvent> {
    void on(E event);
}
