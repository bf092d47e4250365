package im.parley.core.dispatch;

import im.parley.api.event.EventListener;
import im.parley.api.event.ServerEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Delivers server events to listeners of their exact type, on the publishing thread. */
public final class EventBus {
    private final Map<Class<?>, Ordered<EventListener<?>>> listeners = new ConcurrentHashMap<>();
    private final ModuleFailures failures;

    public EventBus(ModuleFailures failures) {
        this.failures = failures;
    }

    /** An event bus whose failing listeners are only logged (tools without modules). */
    public EventBus() {
        this(new ModuleFailures());
    }

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
                failures.failed(l.owner(), "handling " + event.getClass().getSimpleName(), e);
            }
        }
    }
}
