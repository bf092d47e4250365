package im.parley.api.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SharedMap} over any concurrent map: a local one when the server runs alone, a
 * cluster's distributed map (Hazelcast's IMap is one) when clustered. Writes are atomic per key
 * as the map makes them.
 */
public final class ConcurrentSharedMap implements SharedMap {
    private final ConcurrentMap<String, String> entries;

    public ConcurrentSharedMap(ConcurrentMap<String, String> entries) {
        this.entries = entries;
    }

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
