package im.parley.core.cluster;

import im.parley.api.cluster.SharedMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SharedMap} of a server running alone: a concurrent map. */
final class LocalSharedMap implements SharedMap {
    private final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public Optional<String> putIfAbsent(String key, String value) {
        return Optional.ofNullable(entries.putIfAbsent(key, value));
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return entries.replace(key, expected, value);
    }

    @Override
    public void remove(String key) {
        entries.remove(key);
    }

    @Override
    public boolean remove(String key, String expected) {
        return entries.remove(key, expected);
    }

    @Override
    public Map<String, String> snapshot() {
        return Map.copyOf(entries);
    }
}
