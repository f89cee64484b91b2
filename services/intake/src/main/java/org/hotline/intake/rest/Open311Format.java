package org.hotline.intake.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Writes Open311 bodies as JSON (Jackson) or XML (by hand: flat elements, lists wrapped, text escaped). */
final class Open311Format {

    private Open311Format() {
    }

    /** A response in {@code format}: rows under {@code root}, each row as {@code item} in XML. */
    static Response ok(String format, int status, String root, String item, List<Map<String, Object>> rows) {
        if ("xml".equals(format)) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<").append(root).append('>');
            for (Map<String, Object> row : rows) {
                element(b, item, row);
            }
            b.append("</").append(root).append('>');
            return Response.status(status).type(MediaType.APPLICATION_XML + ";charset=utf-8").entity(b.toString())
                    .build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(rows).build();
    }

    /** A single object (service definition) in {@code format}. */
    static Response single(String format, String root, Map<String, Object> body) {
        if ("xml".equals(format)) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            element(b, root, body);
            return Response.ok(b.toString(), MediaType.APPLICATION_XML + ";charset=utf-8").build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The spec's error list: {@code [{"code":400,"description":"..."}]} or {@code <errors><error>...}. */
    static Response error(String format, int code, String description) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("code", code);
        e.put("description", description);
        return ok(format, code, "errors", "error", List.of(e));
    }

    @SuppressWarnings("unchecked")
    private static void element(StringBuilder b, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            b.append('<').append(name).append('>');
            ((Map<String, Object>) map).forEach((k, v) -> element(b, k, v));
            b.append("</").append(name).append('>');
        } else if (value instanceof List<?> list) {
            // Lists are wrapped: <attributes><attribute>...</attribute></attributes>, <keywords> stays text.
            b.append('<').append(name).append('>');
            String child = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
            for (Object o : list) {
                element(b, child, o);
            }
            b.append("</").append(name).append('>');
        } else if (value == null) {
            b.append('<').append(name).append("/>");
        } else {
            b.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name)
                    .append('>');
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // Control characters are not allowed in XML 1.0; drop them rather than break the document.
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
