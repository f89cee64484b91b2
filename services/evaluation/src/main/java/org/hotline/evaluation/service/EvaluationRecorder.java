package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hotline.common.problem.ProblemException;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.evaluation.domain.Evaluation;
import org.hotline.evaluation.domain.EvaluationVerdict;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.EvaluationRepository;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/** Records evaluations and publishes {@code evaluation.evaluation.recorded} in the same transaction. */
@ApplicationScoped
public class EvaluationRecorder {

    /** Event type published for every recorded evaluation (payload {@link EvaluationRecorded}, version 1). */
    public static final String RECORDED = "evaluation.evaluation.recorded";
    /** Most evaluations in one import. */
    public static final int MAX_IMPORT = 1000;

    private static final Pattern REGION = Pattern.compile("\\d{6}");

    private final EvaluationRepository evaluations;
    private final IdempotencyKeys keys;
    private final CaseRepository cases;
    private final EventOutbox outbox;

    public EvaluationRecorder(EvaluationRepository evaluations, IdempotencyKeys keys, CaseRepository cases,
            EventOutbox outbox) {
        this.evaluations = evaluations;
        this.keys = keys;
        this.cases = cases;
        this.outbox = outbox;
    }

    /** The outcome of a create: the evaluation, and whether it was an earlier answer replayed for a retry. */
    public record Recorded(Evaluation evaluation, boolean replayed) {
    }

    /** The tenant an evaluation of this draft belongs to (the first two digits of its region), after validation. */
    public static String tenantOf(EvaluationDraft draft, String field) {
        if (draft == null) {
            throw ProblemException.invalidField(field, "An evaluation is required.");
        }
        if (draft.regionCode() == null || !REGION.matcher(draft.regionCode()).matches()) {
            throw ProblemException.invalidField(field + "regionCode",
                    "Give the 6-digit GB/T 2260 region of the case, e.g. 370300.");
        }
        return draft.regionCode().substring(0, 2);
    }

    /**
     * Records one evaluation by {@code evaluator}: the work order must be a case evaluation knows (from routing's
     * feed) of the caller's tenant and of the draft's region's tenant, else 404. With an idempotency key (scoped by
     * tenant, endpoint and caller) a retry returns the first one; the key with another body is a 422.
     */
    @WithTransaction
    public Uni<Recorded> record(Scope scope, EvaluationDraft draft, String evaluator, String idempotencyKey) {
        Evaluation evaluation = toEvaluation(draft, evaluator, "");
        IdempotencyKeys.Scoped scoped = keys.scope(evaluation.tenant, "evaluations", evaluator, idempotencyKey, draft);
        return keys.earlier(scoped).chain(done -> done != null
                ? evaluations.find("id = ?1 and tenant = ?2", done.resultId, evaluation.tenant).firstResult()
                        .map(e -> new Recorded(e, true))
                : cases.findByWorkOrderScoped(scope, evaluation.workOrderId).chain(c -> {
                    if (c == null || !c.tenant.equals(evaluation.tenant)) {
                        throw ProblemException.notFound("case-not-found", "No work order " + evaluation.workOrderId
                                + " to evaluate in tenant " + evaluation.tenant + ".");
                    }
                    return store(List.of(evaluation)).call(() -> keys.remember(scoped, evaluation.id, null))
                            .replaceWith(new Recorded(evaluation, false));
                }));
    }

    /**
     * Imports many evaluations at once (historical data, load tests): one transaction, one event each.
     * Returns how many were imported; with an idempotency key a retry imports nothing and returns the first count.
     */
    @WithTransaction
    public Uni<Integer> importAll(List<EvaluationDraft> drafts, String caller, String idempotencyKey) {
        if (drafts == null || drafts.isEmpty() || drafts.size() > MAX_IMPORT) {
            throw ProblemException.invalidField("evaluations", "Give 1 to " + MAX_IMPORT + " evaluations.");
        }
        List<Evaluation> batch = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            batch.add(toEvaluation(drafts.get(i), caller, "evaluations[" + i + "]."));
        }
        IdempotencyKeys.Scoped scoped = keys.scope("*", "evaluation-imports", caller, idempotencyKey, drafts);
        return keys.earlier(scoped).chain(done -> done != null
                ? Uni.createFrom().item(done.resultCount)
                : store(batch).call(() -> keys.remember(scoped, null, batch.size())).replaceWith(batch.size()));
    }

    private Uni<Void> store(List<Evaluation> batch) {
        List<NewEvent> events = batch.stream().map(e -> new NewEvent(UUID.randomUUID(), RECORDED, e.tenant,
                e.id.toString(), e.recordedAt, 1, EvaluationRecorded.newBuilder()
                        .setEvaluationId(e.id.toString())
                        .setWorkOrderId(e.workOrderId.toString())
                        .setVerdict(e.verdict.name())
                        .setScore(e.score)
                        .setRegionCode(e.regionCode)
                        .build())).toList();
        return evaluations.persist(batch).chain(() -> outbox.appendAll(events));
    }

    private static Evaluation toEvaluation(EvaluationDraft draft, String evaluator, String field) {
        String tenant = tenantOf(draft, field);
        if (draft.workOrderId() == null) {
            throw ProblemException.invalidField(field + "workOrderId", "Give the UUID of the evaluated work order.");
        }
        EvaluationVerdict verdict;
        try {
            verdict = EvaluationVerdict.valueOf(String.valueOf(draft.verdict()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field + "verdict", "The verdict is SATISFIED or UNSATISFIED.");
        }
        if (draft.score() == null || draft.score() < 1 || draft.score() > 5) {
            throw ProblemException.invalidField(field + "score", "The satisfaction score is a whole number 1 to 5.");
        }
        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.tenant = tenant;
        e.workOrderId = draft.workOrderId();
        e.regionCode = draft.regionCode();
        e.verdict = verdict;
        e.score = draft.score().shortValue();
        e.evaluator = evaluator;
        // Microseconds: what PostgreSQL stores, so the event and a later read agree.
        e.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return e;
    }
}
