package im.parley.load;

import java.util.Locale;
import java.util.Map;

/** Builds the one-line JSON object each scenario prints for scripts; keys keep insertion order. */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder("{");

    JsonLine put(String key, Object value) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        string(key);
        sb.append(':');
        value(value);
        return this;
    }

    private void value(Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()));
                sb.append(':');
                value(e.getValue());
            }
            sb.append('}');
        } else {
            string(value.toString());
        }
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString() + "}";
    }
}
