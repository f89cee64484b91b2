package org.hotline.appraisal.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.hotline.appraisal.domain.Period;
import org.hotline.common.problem.ProblemException;

/** Parsing and checking of the query parameters every figure takes; bad input is a 400 naming the field. */
final class KpiParams {

    private KpiParams() {
    }

    static Instant instant(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw ProblemException.invalidField(field, field + " is required (UTC ISO 8601, e.g. 2026-11-23T00:00:00Z).");
            }
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, field + " is a UTC ISO 8601 instant, e.g. 2026-11-23T00:00:00Z.");
        }
    }

    static void range(Instant from, Instant to, Period period) {
        if (!to.isAfter(from)) {
            throw ProblemException.invalidField("to", "to is after from.");
        }
        Duration max = period == Period.HALF_HOUR ? Duration.ofDays(31) : Duration.ofDays(3 * 366);
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw ProblemException.invalidField("to", "the range is at most " + max.toDays() + " days for " + period + ".");
        }
    }

    static Period period(String value) {
        if (value == null || value.isBlank()) {
            return Period.DAY;
        }
        try {
            return Period.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("period", "period is one of HALF_HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, ALL.");
        }
    }

    static String dimension(String value, Set<String> allowed, String fallback) {
        String d = value == null || value.isBlank() ? fallback : value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(d)) {
            throw ProblemException.invalidField("by", "by is one of " + new java.util.TreeSet<>(allowed) + ".");
        }
        return d;
    }

    static boolean csv(String format) {
        if (format == null || format.isBlank() || "json".equalsIgnoreCase(format)) {
            return false;
        }
        if ("csv".equalsIgnoreCase(format)) {
            return true;
        }
        throw ProblemException.invalidField("format", "format is json or csv.");
    }
}
