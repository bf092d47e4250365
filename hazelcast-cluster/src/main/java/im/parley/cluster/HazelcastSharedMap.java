package im.parley.cluster;

import com.hazelcast.map.IMap;
import im.parley.api.cluster.SharedMap;
import java.util.Map;
import java.util.Optional;

/** A {@link SharedMap} kept in a Hazelcast {@link IMap}: partitioned, with writes atomic on the key's owner. */
final class HazelcastSharedMap implements SharedMap {
    private final IMap<String, String> entries;

    HazelcastSharedMap(IMap<String, String> entries) {
        this.entries = entries;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, String value) {
        entries.set(key, value);
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
        entries.delete(key);
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
