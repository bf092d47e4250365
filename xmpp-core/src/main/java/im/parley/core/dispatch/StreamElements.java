package im.parley.core.dispatch;

import im.parley.api.StreamElementHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Handlers of first-level non-stanza elements on established streams, by namespace and name. */
public final class StreamElements {
    private record Key(String namespace, String name) {
    }

    private final Map<Key, StreamElementHandler> handlers = new ConcurrentHashMap<>();

    Runnable add(String namespace, String name, String owner, StreamElementHandler handler) {
        Key key = new Key(namespace, name);
        if (handlers.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException("stream element {" + namespace + "}" + name + " already handled; '" + owner + "' cannot take it");
        }
        return () -> handlers.remove(key, handler);
    }

    public Optional<StreamElementHandler> find(String namespace, String name) {
        return Optional.ofNullable(handlers.get(new Key(namespace, name)));
    }
}
