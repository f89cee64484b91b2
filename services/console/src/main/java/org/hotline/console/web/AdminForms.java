package org.hotline.console.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/**
 * What the administration's forms share: blank fields as absent, lists typed one per line or separated by commas,
 * and the answer to a saved form, which sends the browser back to the administration page with a notice of what
 * was saved (so the new or changed row shows in its list).
 */
final class AdminForms {

    private AdminForms() {
    }

    /** A field as typed, or null when blank. */
    static String field(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A whole number, or null when blank; not a number is passed on as null so the service names the field. */
    static Integer number(String value) {
        try {
            return field(value) == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Items one per line or separated by commas (、 and ， too), blanks dropped. */
    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[\\n,，、]")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** Items one per line (for sentences, which have commas of their own), blanks dropped. */
    static List<String> lines(String value) {
        if (value == null) {
            return List.of();
        }
        return value.lines().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** After a save: htmx goes back to the administration page, which says what was saved. */
    static Uni<Response> saved(Uni<?> call, String what) {
        return call.map(x -> Response.noContent().header("HX-Redirect", "/admin?saved=" + what + "#" + what)
                .build());
    }
}
