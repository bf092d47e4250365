package im.parley.core.config;

import im.parley.api.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The parsed config file plus the environment that overrides it. Sections are bound to records
 * on demand with {@link #bind}; the environment variable of a key is {@code PARLEY_} followed by
 * its dotted path in upper case with dots as underscores ({@code c2s.max_stanza_size} is
 * {@code PARLEY_C2S_MAX_STANZA_SIZE}).
 */
public final class ConfigSource {
    private static final String ENV_PREFIX = "PARLEY_";

    private final Map<String, Object> tree;
    private final Map<String, String> env;
    private final String origin;

    private ConfigSource(Map<String, Object> tree, Map<String, String> env, String origin) {
        this.tree = tree;
        this.env = Map.copyOf(env);
        this.origin = origin;
    }

    /** Reads a YAML file; a missing file is an error naming it. */
    public static ConfigSource load(Path file, Map<String, String> env) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ConfigSource(parse(in, file.toString()), env, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Parses YAML text, for tests and embedding. */
    public static ConfigSource fromYaml(String yaml, Map<String, String> env) {
        return new ConfigSource(parse(new java.io.ByteArrayInputStream(
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "<inline>"), env, "<inline>");
    }

    /** An empty file: every key takes its default unless the environment sets it. */
    public static ConfigSource empty(Map<String, String> env) {
        return new ConfigSource(Map.of(), env, "<defaults>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(InputStream in, String name) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10)
                .setAllowRecursiveKeys(false)
                .build();
        try {
            Object doc = new Load(settings).loadFromInputStream(in);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map)) {
                throw new ConfigException(null, name + ": the top level must be a mapping of sections");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            ((Map<Object, Object>) doc).forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (YamlEngineException e) {
            throw new ConfigException(null, name + " is not valid YAML: " + e.getMessage());
        }
    }

    /** Where the config came from, for messages. */
    public String origin() {
        return origin;
    }

    /** Binds one top-level section to its record type, applying defaults, environment and limits. */
    public <R extends Record> R bind(String section, Class<R> type, String... extraKeys) {
        return new ConfigBinder(this).bindSection(section, type, List.of(extraKeys));
    }

    /** Whether a module section says {@code enabled}; empty when neither file nor environment says. */
    public Optional<Boolean> enabled(String section) {
        Object raw = env(section + ".enabled").<Object>map(s -> s).orElseGet(() -> {
            Object node = tree.get(section);
            return node instanceof Map<?, ?> m ? m.get("enabled") : null;
        });
        if (raw == null) {
            return Optional.empty();
        }
        Object value = ValueConverter.convert(section + ".enabled", raw, boolean.class);
        return Optional.of((Boolean) value);
    }

    /** Fails on top-level sections that no part of the server knows. */
    /** The top-level sections the file has. */
    public java.util.Set<String> sections() {
        return java.util.Set.copyOf(tree.keySet());
    }

    public void checkSections(Collection<String> known) {
        for (String section : tree.keySet()) {
            if (!known.contains(section)) {
                throw new ConfigException(section, "unknown section; known sections are "
                        + new TreeSet<>(known));
            }
        }
    }

    Object section(String name) {
        return tree.get(name);
    }

    /** The environment override of a dotted key, if set. */
    Optional<String> env(String dottedKey) {
        return Optional.ofNullable(env.get(envName(dottedKey)));
    }

    /** The environment variable that overrides a dotted key. */
    public static String envName(String dottedKey) {
        return ENV_PREFIX + dottedKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
