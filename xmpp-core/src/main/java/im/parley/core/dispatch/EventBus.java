package im.parley.core.dispatch;

import im.parley.api.event.EventListener;
import im.parley.api.event.ServerEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers server events to listeners of their exact type, on the publishing thread. */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Map<Class<?>, Ordered<EventListener<?>>> listeners = new ConcurrentHashMap<>();

    <E extends ServerEvent> Runnable subscribe(Class<E> type, String owner, EventListener<E> listener) {
        return listeners.computeIfAbsent(type, t -> new Ordered<>()).add(0, owner, listener);
    }

    /** Calls every listener; one that throws is logged and the rest still run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void publish(ServerEvent event) {
        Ordered<EventListener<?>> list = listeners.get(event.getClass());
        if (list == null) {
            return;
        }
        for (Ordered.Owned<EventListener<?>> l : list.snapshot()) {
            try {
                ((EventListener) l.value()).on(event);
            } catch (RuntimeException e) {
                LOG.error("Module '{}' failed handling {}", l.owner(), event.getClass().getSimpleName(), e);
            }
        }
    }
}
