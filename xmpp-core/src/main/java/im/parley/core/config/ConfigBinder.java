package im.parley.core.config;

import im.parley.api.config.ConfigException;
import im.parley.api.config.Default;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Binds YAML nodes to config records: snake_case keys from component names, defaults from
 * {@link Default}, limits from {@link Min} and {@link Max}, overrides from the environment, and
 * an error naming the key for anything wrong or unknown.
 */
final class ConfigBinder {
    private final ConfigSource source;

    ConfigBinder(ConfigSource source) {
        this.source = source;
    }

    <R extends Record> R bindSection(String section, Class<R> type, Collection<String> extraKeys) {
        Object node = source.section(section);
        if (node != null && !(node instanceof Map)) {
            throw new ConfigException(section, "expected a mapping of keys");
        }
        return type.cast(bindRecord(section, node == null ? Map.of() : (Map<?, ?>) node, type, extraKeys));
    }

    private Object bindRecord(String path, Map<?, ?> node, Class<?> type, Collection<String> extraKeys) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new LinkedHashSet<>(extraKeys);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = keyName(components[i].getName());
            known.add(key);
            args[i] = bindComponent(path.isEmpty() ? key : path + "." + key, node.get(key), components[i]);
        }
        for (Object key : node.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new ConfigException(path + "." + key, "unknown key; known keys here are " + new TreeSet<>(known));
            }
        }
        return construct(path, type, components, args);
    }

    private Object bindComponent(String key, Object fileValue, RecordComponent component) {
        Type generic = component.getGenericType();
        Class<?> raw = component.getType();
        Object value = source.env(key).map(text -> parseEnv(key, text, raw)).orElse(fileValue);
        if (value == null) {
            Default def = component.getAnnotation(Default.class);
            value = def == null ? null : parseText(key, def.value(), raw);
        }
        Object bound = convert(key, value, generic);
        checkLimits(key, bound, component);
        return bound;
    }

    private static Object parseEnv(String key, String text, Class<?> raw) {
        // Strings are taken as written; everything else is read as YAML so lists and mappings work.
        return raw == String.class ? text : parseText(key, text, raw);
    }

    private static Object parseText(String key, String text, Class<?> raw) {
        if (raw == String.class) {
            return text;
        }
        try {
            return new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new ConfigException(key, "cannot read '" + text + "': " + e.getMessage());
        }
    }

    private Object convert(String key, Object value, Type type) {
        Class<?> raw = rawClass(type);
        if (value == null) {
            return emptyValue(key, raw, type);
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            List<Object> items = new ArrayList<>();
            List<?> input = asList(value);
            Type element = typeArgument(type, 0);
            for (int i = 0; i < input.size(); i++) {
                items.add(convert(key + "[" + i + "]", input.get(i), element));
            }
            return Set.class.isAssignableFrom(raw) ? Set.copyOf(new LinkedHashSet<>(items)) : List.copyOf(items);
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new ConfigException(key, "expected a mapping");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), convert(key + "." + k, v, typeArgument(type, 1))));
            return Map.copyOf(result);
        }
        if (raw.isRecord() && !ValueConverter.isScalarType(raw)) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new ConfigException(key, "expected a mapping of keys");
            }
            return bindRecord(key, map, raw, List.of());
        }
        return ValueConverter.convert(key, value, raw);
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String s) {
            // An environment value such as "a, b" means a list of two.
            return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
        }
        return List.of(value);
    }

    private Object emptyValue(String key, Class<?> raw, Type type) {
        if (List.class.isAssignableFrom(raw)) {
            return List.of();
        }
        if (Set.class.isAssignableFrom(raw)) {
            return Set.of();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Map.of();
        }
        if (raw.isRecord() && !ValueConverter.isScalarType(raw)) {
            return bindRecord(key, Map.of(), raw, List.of());
        }
        if (raw == String.class) {
            return "";
        }
        if (raw.isPrimitive()) {
            throw new ConfigException(key, "required, and has no default");
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void checkLimits(String key, Object value, RecordComponent component) {
        if (!(value instanceof Comparable comparable)) {
            return;
        }
        Min min = component.getAnnotation(Min.class);
        if (min != null) {
            Object limit = ValueConverter.convert(key, parseText(key, min.value(), component.getType()), component.getType());
            if (comparable.compareTo(limit) < 0) {
                throw new ConfigException(key, "must be at least " + min.value() + ", got " + value);
            }
        }
        Max max = component.getAnnotation(Max.class);
        if (max != null) {
            Object limit = ValueConverter.convert(key, parseText(key, max.value(), component.getType()), component.getType());
            if (comparable.compareTo(limit) > 0) {
                throw new ConfigException(key, "must be at most " + max.value() + ", got " + value);
            }
        }
    }

    private static Object construct(String path, Class<?> type, RecordComponent[] components, Object[] args) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException(path, cause.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getName() + " cannot be built", e);
        }
    }

    /** {@code maxStanzaSize} -> {@code max_stanza_size}. */
    static String keyName(String component) {
        StringBuilder sb = new StringBuilder();
        for (char c : component.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported config type " + type);
    }

    static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return String.class;
    }
}
