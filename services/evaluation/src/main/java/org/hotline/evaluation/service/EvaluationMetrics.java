package org.hotline.evaluation.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluation's business counters ({@code hotline_evaluation_*}, tagged by tenant and a few closed vocabularies, never
 * by ids or personal data). Each counter is registered once and kept, so a request only increments it.
 */
@ApplicationScoped
public class EvaluationMetrics {

    static final String ASSIGNMENTS = "hotline_evaluation_assignments_total";
    static final String SUBMITTED = "hotline_evaluation_evaluations_submitted_total";
    static final String REWORK = "hotline_evaluation_rework_requested_total";
    static final String SUPERVISION = "hotline_evaluation_supervision_requested_total";
    static final String AUDIT_CALLS = "hotline_evaluation_audit_calls_scored_total";

    private final MeterRegistry registry;
    /** Counters by name and tag values: tenants (34 provinces and '*') times closed vocabularies stay small. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Assignments made in round 1 (weekly or on-demand run) or round 2 (a reworked case back). */
    public void assigned(String tenant, int round, int count) {
        if (count > 0) {
            counter(ASSIGNMENTS, "tenant", tenant, "round", round <= 1 ? "1" : "2").increment(count);
        }
    }

    /** A submitted evaluation, by the complainant's and the evaluator's verdict and the outcome of the rules. */
    public void submitted(String tenant, String complainantVerdict, String evaluatorVerdict, String outcome) {
        counter(SUBMITTED, "tenant", tenant, "complainant_verdict", word(complainantVerdict),
                "evaluator_verdict", word(evaluatorVerdict), "outcome", word(outcome)).increment();
    }

    /** A rework (退回重办) queued for routing, by what triggered it (EVALUATION, HEARING). */
    public void reworkRequested(String tenant, String trigger) {
        counter(REWORK, "tenant", tenant, "trigger", word(trigger)).increment();
    }

    /** A supervision (督办) queued for routing, by what triggered it. */
    public void supervisionRequested(String tenant, String trigger) {
        counter(SUPERVISION, "tenant", tenant, "trigger", word(trigger)).increment();
    }

    /** A scored mystery-shopper call, passed or failed under its campaign's rule. */
    public void auditCallScored(String tenant, boolean passed) {
        counter(AUDIT_CALLS, "tenant", tenant, "result", passed ? "pass" : "fail").increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                k -> Counter.builder(name).tags(tags).register(registry));
    }

    /** A tag value from a closed vocabulary (enum names); absent values are "none". */
    private static String word(String value) {
        return value == null || value.isBlank() ? "none" : value.toLowerCase(Locale.ROOT);
    }
}
