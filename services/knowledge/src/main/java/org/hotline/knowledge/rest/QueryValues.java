package org.hotline.knowledge.rest;

import org.hotline.common.problem.ProblemException;

/**
 * Query parameters read as text and parsed here, so that {@code ?size=abc} or {@code ?minConfidence=abc} is a 400
 * naming the parameter rather than JAX-RS's 404 for a value it cannot convert.
 */
final class QueryValues {

    private QueryValues() {
    }

    static int integer(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "'" + abbreviate(raw) + "' is not a whole number");
        }
    }

    static double decimal(String name, String raw, double fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(raw.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "'" + abbreviate(raw) + "' is not a number such as 0.5");
        }
    }

    static boolean bool(String name, String raw, boolean fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField(name, "'" + abbreviate(raw) + "' is not true or false");
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
