package im.parley.api.config;

/** A config file or environment value that cannot be used; the message names the key. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super(key == null || key.isEmpty() ? problem : "config key '" + key + "': " + problem);
        this.key = key;
    }

    /** The dotted key path, e.g. {@code c2s.max_stanza_size}. */
    public String key() {
        return key;
    }
}
