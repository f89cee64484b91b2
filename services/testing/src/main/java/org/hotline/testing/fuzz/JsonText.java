package org.hotline.testing.fuzz;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON by hand, so that a fuzz case can hold what a JSON library would refuse to write: duplicated keys,
 * lone surrogates (as escapes), NUL characters, very deep nesting.
 */
public final class JsonText {

    /** JSON {@code null}. */
    public static final Raw NULL = new Raw("null");

    /** Already-written JSON text, inserted as is. */
    public record Raw(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    private JsonText() {
    }

    /** {@code json} inserted verbatim. */
    public static Raw raw(String json) {
        return new Raw(json);
    }

    /** The JSON text of a value built of maps (entries in order, duplicates allowed as a list of entries), lists, strings, numbers, booleans and {@link Raw}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Fields fields) {
            out.append('{');
            for (Iterator<Map.Entry<String, Object>> i = fields.entries().iterator(); i.hasNext();) {
                Map.Entry<String, Object> e = i.next();
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
                if (i.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            string(value.toString(), out);
        }
    }

    /** An object's fields in order, the same name possibly twice. */
    public record Fields(List<Map.Entry<String, Object>> entries) {
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
