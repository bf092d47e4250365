package im.parley.core.config;

import im.parley.api.config.ConfigException;
import im.parley.api.config.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmpp.packet.JID;

/** Turns YAML scalars into the simple types config records use. */
final class ValueConverter {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ValueConverter() {
    }

    static boolean isScalarType(Class<?> type) {
        return type == String.class || type.isPrimitive() || Number.class.isAssignableFrom(type)
                || type == Boolean.class || type.isEnum() || type == Duration.class
                || type == DataSize.class || type == Path.class || type == JID.class;
    }

    static Object convert(String key, Object raw, Class<?> type) {
        if (raw instanceof java.util.Map || raw instanceof java.util.List) {
            throw new ConfigException(key, "expected a single value, got a " + (raw instanceof java.util.Map ? "mapping" : "list"));
        }
        String text = String.valueOf(raw).trim();
        try {
            if (type == String.class) {
                return String.valueOf(raw);
            }
            if (type == int.class || type == Integer.class) {
                return Math.toIntExact(toLong(raw, text));
            }
            if (type == long.class || type == Long.class) {
                return toLong(raw, text);
            }
            if (type == double.class || type == Double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
            }
            if (type == boolean.class || type == Boolean.class) {
                return toBoolean(key, raw, text);
            }
            if (type.isEnum()) {
                return toEnum(key, text, type);
            }
            if (type == Duration.class) {
                return raw instanceof Number n ? Duration.ofSeconds(n.longValue()) : parseDuration(text);
            }
            if (type == DataSize.class) {
                return raw instanceof Number n ? DataSize.ofBytes(n.longValue()) : DataSize.parse(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type == JID.class) {
                return new JID(text);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(key, "expected a whole number, got '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        throw new ConfigException(key, "unsupported config type " + type.getName());
    }

    private static long toLong(Object raw, String text) {
        if (raw instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                throw new NumberFormatException(text);
            }
            return n.longValue();
        }
        return Long.parseLong(text.replace("_", ""));
    }

    private static boolean toBoolean(String key, Object raw, String text) {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "expected true or false, got '" + text + "'");
        };
    }

    private static Object toEnum(String key, String text, Class<?> type) {
        String wanted = text.replace('-', '_');
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new ConfigException(key, "expected one of " + names + ", got '" + text + "'");
    }

    /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, a bare number of seconds, or ISO-8601. */
    static Duration parseDuration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 2h, got '" + text + "'");
        }
    }
}
