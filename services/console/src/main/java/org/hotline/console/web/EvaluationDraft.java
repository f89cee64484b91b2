package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation form between the page and evaluation's API: a saved draft as the form's fields (every field present,
 * so the template can compare), and the form's contact attempts (China time, from datetime-local inputs) as the API's.
 */
final class EvaluationDraft {

    /** Rows of contact attempts the form offers (evaluation takes any number; three is what a week allows). */
    static final int ATTEMPT_ROWS = 3;

    private EvaluationDraft() {
    }

    /** The draft's fields, "" when absent; {@code attempts} always has {@link #ATTEMPT_ROWS} rows. */
    static Map<String, Object> of(JsonNode evaluation) {
        Map<String, Object> draft = new HashMap<>();
        for (String f : List.of("complainantVerdict", "complaintReasonable", "unitPerformedDuty", "evaluatorVerdict",
                "onSiteNote", "notes", "status")) {
            JsonNode v = evaluation.path(f);
            draft.put(f, v.isMissingNode() || v.isNull() ? "" : v.asText());
        }
        draft.put("onSiteVerified", evaluation.path("onSiteVerified").asBoolean(false));
        List<Map<String, String>> attempts = new ArrayList<>();
        for (JsonNode a : evaluation.path("contactAttempts")) {
            String at = a.path("at").asText("");
            try {
                at = at.isEmpty() ? "" : java.time.Instant.parse(at).atZone(DashboardQueries.ZONE).toLocalDateTime()
                        .withSecond(0).withNano(0).toString();
            } catch (DateTimeParseException e) {
                at = "";
            }
            attempts.add(Map.of("at", at, "outcome", a.path("outcome").asText("")));
        }
        while (attempts.size() < ATTEMPT_ROWS) {
            attempts.add(Map.of("at", "", "outcome", ""));
        }
        draft.put("attempts", attempts);
        List<String> articles = new ArrayList<>();
        evaluation.path("articleIds").forEach(a -> articles.add(a.asText()));
        draft.put("articleIds", articles);
        return draft;
    }

    /**
     * The filled rows as evaluation's {@code contactAttempts}: an outcome without a time is taken as now; a time that
     * is not a date and time is passed on as written, so evaluation's 400 names it.
     */
    static List<Map<String, String>> attempts(List<String> at, List<String> outcome) {
        List<Map<String, String>> attempts = new ArrayList<>();
        int rows = outcome == null ? 0 : outcome.size();
        for (int i = 0; i < rows; i++) {
            String o = outcome.get(i);
            if (o == null || o.isBlank()) {
                continue;
            }
            String when = at != null && i < at.size() ? at.get(i) : null;
            String instant;
            if (when == null || when.isBlank()) {
                instant = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            } else {
                try {
                    instant = LocalDateTime.parse(when).atZone(DashboardQueries.ZONE).toInstant().toString();
                } catch (DateTimeParseException e) {
                    instant = when;
                }
            }
            attempts.add(Map.of("at", instant, "outcome", o));
        }
        return attempts;
    }
}
