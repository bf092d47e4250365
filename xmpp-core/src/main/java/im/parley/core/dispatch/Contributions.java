package im.parley.core.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Implementations that modules contribute to interfaces other modules publish. */
final class Contributions {
    private final Map<Class<?>, Ordered<Object>> byType = new ConcurrentHashMap<>();

    Runnable add(Class<?> type, String owner, Object contribution) {
        if (!type.isInstance(contribution)) {
            throw new IllegalArgumentException(contribution + " is not a " + type.getName());
        }
        return byType.computeIfAbsent(type, t -> new Ordered<>()).add(0, owner, contribution);
    }

    /** The contributions to an interface with the modules that made them. */
    List<Ordered.Owned<Object>> owned(Class<?> type) {
        Ordered<Object> list = byType.get(type);
        return list == null ? List.of() : list.snapshot();
    }

    <T> List<T> of(Class<T> type) {
        Ordered<Object> list = byType.get(type);
        if (list == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (Ordered.Owned<Object> o : list.snapshot()) {
            result.add(type.cast(o.value()));
        }
        return List.copyOf(result);
    }
}
