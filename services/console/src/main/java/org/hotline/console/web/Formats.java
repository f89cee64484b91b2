package org.hotline.console.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formatting for templates: {@code {fmt:time(order.dueAt)}} shows an instant in China time. */
@TemplateExtension(namespace = "fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    /** An ISO 8601 instant as local date and time, or a dash. */
    static String time(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "—";
        }
        try {
            return TIME.format(Instant.parse(value.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return value.toString();
        }
    }

    /** The text {@code prefix + value} of the user's language, or the value itself when there is none. */
    static String label(java.util.Map<String, String> texts, String prefix, Object value) {
        if (value == null) {
            return "";
        }
        return texts.getOrDefault(prefix + value, value.toString());
    }

    /** A value or a dash when there is none. */
    static String or(Object value) {
        return value == null || value.toString().isBlank() ? "—" : value.toString();
    }
}
