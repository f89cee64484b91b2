package org.hotline.evaluation.service;

import java.util.List;
import java.util.regex.Pattern;
import org.hotline.common.problem.ProblemException;

/** Input checks shared by the services: every failure is a 400 naming the field, never a 500 from the database. */
public final class FieldChecks {

    private static final Pattern REGION = Pattern.compile("\\d{6}");

    private FieldChecks() {
    }

    /** A trimmed text of at most {@code max} characters without control characters or lone surrogates. */
    public static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalidField(field, "is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ProblemException.invalidField(field, "at most " + max + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
                throw ProblemException.invalidField(field, "contains a control character");
            }
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
                    throw ProblemException.invalidField(field, "contains a lone surrogate");
                }
                i++;
            } else if (Character.isLowSurrogate(ch)) {
                throw ProblemException.invalidField(field, "contains a lone surrogate");
            }
        }
        return v;
    }

    /** A 6-digit GB/T 2260 region code. */
    public static String region(String field, String value) {
        if (value == null || !REGION.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "a 6-digit GB/T 2260 region code, e.g. 370300");
        }
        return value;
    }

    /** One of the names of {@code type}, or null when absent and not required. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalidField(field, "is required: one of " + names(type));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "one of " + names(type));
        }
    }

    /** A list of at most {@code max} texts. */
    public static List<String> texts(String field, List<String> values, int max, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw ProblemException.invalidField(field, "at most " + max + " entries");
        }
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(i -> text(field + "[" + i + "]", values.get(i), maxLength, true)).toList();
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
}
