package im.parley.api.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * A map of strings that every node sees (for example which node owns a room). Writes are
 * atomic per key; values are strings so that every node and plugin can read them.
 */
public interface SharedMap {

    Optional<String> get(String key);

    void put(String key, String value);

    /** Stores the value unless the key has one; returns the value that was there, if any. */
    Optional<String> putIfAbsent(String key, String value);

    /** Replaces the value only if it is still {@code expected}. */
    boolean replace(String key, String expected, String value);

    void remove(String key);

    /** Removes the key only if its value is still {@code expected}. */
    boolean remove(String key, String expected);

    /** A copy of every entry; for admin views and cleanup when a node leaves, not for hot paths. */
    Map<String, String> snapshot();
}
