package im.parley.core.config;

import im.parley.api.config.Default;
import im.parley.api.config.Doc;
import im.parley.api.config.Max;
import im.parley.api.config.Min;
import im.parley.api.config.Secret;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;

/** Writes the reference of every config key as Markdown, from the records' annotations. */
public final class ConfigReference {
    private ConfigReference() {
    }

    /**
     * @param sections section name to record type, in the order to document them
     * @param enabledByDefault for module sections, whether the module runs by default (null for core sections)
     */
    public static String markdown(Map<String, Class<? extends Record>> sections, Map<String, Boolean> enabledByDefault) {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("Generated from the config records by `bin/parley config reference`; do not edit by hand.\n\n")
                .append("The file is `conf/parley.yml` (another with `--config FILE`). Every key can be overridden by an ")
                .append("environment variable: `PARLEY_` followed by the key's dotted path in upper case with dots as ")
                .append("underscores, e.g. `c2s.max_stanza_size` is `PARLEY_C2S_MAX_STANZA_SIZE`. Lists are written ")
                .append("`a, b` or `[a, b]`; sizes as `256KiB`, `10MiB`; durations as `500ms`, `30s`, `5m`, `2h`.\n\n");
        for (Map.Entry<String, Class<? extends Record>> e : sections.entrySet()) {
            section(md, e.getKey(), e.getValue(), enabledByDefault.get(e.getKey()));
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String name, Class<? extends Record> type, Boolean enabled) {
        md.append("## `").append(name).append("`\n\n");
        Doc doc = type.getAnnotation(Doc.class);
        if (doc != null) {
            md.append(doc.value()).append("\n\n");
        }
        md.append("| key | type | default | environment | meaning |\n|---|---|---|---|---|\n");
        if (enabled != null) {
            md.append("| `enabled` | boolean | `").append(enabled).append("` | `").append(ConfigSource.envName(name + ".enabled"))
                    .append("` | Whether the module runs. |\n");
        }
        rows(md, name, type);
        md.append('\n');
    }

    private static void rows(StringBuilder md, String prefix, Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + "." + ConfigBinder.keyName(c.getName());
            Default def = c.getAnnotation(Default.class);
            Doc doc = c.getAnnotation(Doc.class);
            String meaning = doc == null ? "" : doc.value();
            Min min = c.getAnnotation(Min.class);
            Max max = c.getAnnotation(Max.class);
            if (min != null && max != null) {
                meaning += " From " + min.value() + " to " + max.value() + ".";
            } else if (min != null) {
                meaning += " At least " + min.value() + ".";
            } else if (max != null) {
                meaning += " At most " + max.value() + ".";
            }
            if (c.isAnnotationPresent(Secret.class)) {
                meaning += " Secret: never logged.";
            }
            md.append("| `").append(key.substring(key.indexOf('.') + 1)).append("` | ").append(typeName(c.getGenericType()))
                    .append(" | ").append(def == null ? "" : "`" + def.value() + "`").append(" | `")
                    .append(ConfigSource.envName(key)).append("` | ").append(meaning.replace("|", "\\|")).append(" |\n");
        }
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            return "list of " + typeName(p.getActualTypeArguments()[0]);
        }
        Class<?> c = (Class<?>) type;
        if (c.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = c.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i].toString().toLowerCase(java.util.Locale.ROOT));
            }
            return sb.toString();
        }
        if (c.isRecord() && !ValueConverter.isScalarType(c)) {
            StringBuilder sb = new StringBuilder("mapping (");
            RecordComponent[] cs = c.getRecordComponents();
            for (int i = 0; i < cs.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(ConfigBinder.keyName(cs[i].getName()));
            }
            return sb.append(')').toString();
        }
        return switch (c.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "integer";
            case "DataSize" -> "size";
            case "JID" -> "JID";
            default -> c.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
