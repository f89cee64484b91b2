package org.hotline.knowledge.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.hotline.common.problem.ProblemException;

/** Validation of what citizens and agents type: the question text and the "as of" instant. */
public final class QuestionText {

    /** Longest question or query accepted, in characters. */
    public static final int MAX_LENGTH = 2000;
    /** Control and format characters (zero-width spaces, bidi marks) that pasted and transcribed text carries. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private QuestionText() {
    }

    /** The text with control characters turned into spaces; 400 when empty or longer than {@link #MAX_LENGTH}. */
    public static String clean(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(field, "is required: type the question in words");
        }
        if (raw.length() > MAX_LENGTH) {
            throw ProblemException.invalidField(field, "has " + raw.length() + " characters; at most " + MAX_LENGTH
                    + " are accepted, so ask the question in a sentence or two");
        }
        String text = CONTROL.matcher(raw).replaceAll(" ").strip();
        if (text.isEmpty()) {
            throw ProblemException.invalidField(field, "contains no words");
        }
        return text;
    }

    /** The instant an answer must be valid at: UTC ISO 8601, or a plain date (start of that day in China); empty = now. */
    public static Instant at(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return Instant.now();
        }
        String s = raw.strip();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()
                    : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s)
                    + "' is not an ISO 8601 instant such as 2026-11-23T08:00:00Z or a date such as 2026-11-23");
        }
    }
}
