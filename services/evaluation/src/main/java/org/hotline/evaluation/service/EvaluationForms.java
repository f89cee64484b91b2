package org.hotline.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.problem.ProblemException;
import org.hotline.contracts.evaluation.v1.Judgement;
import org.hotline.contracts.evaluation.v1.Verdict;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.repository.AssignmentRepository;
import org.hotline.evaluation.repository.CaseEvaluationRepository;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;

/**
 * The evaluation form of an assignment: drafts saved any number of times, one submission that applies the rules
 * ({@link EvaluationRules}) and publishes {@code evaluation.evaluation.submitted} in the same transaction.
 */
@ApplicationScoped
public class EvaluationForms {

    /** How the evaluator tried to reach the complainant. */
    public enum AttemptOutcome { REACHED, NO_ANSWER, BUSY, WRONG_NUMBER, REFUSED }

    private final AssignmentRepository assignments;
    private final CaseRepository cases;
    private final CaseEvaluationRepository forms;
    private final EvaluatorRepository evaluators;
    private final CaseActions actions;
    private final EventOutbox outbox;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final EvaluationMetrics metrics;

    public EvaluationForms(AssignmentRepository assignments, CaseRepository cases, CaseEvaluationRepository forms,
            EvaluatorRepository evaluators, CaseActions actions, EventOutbox outbox, IdempotencyKeys keys,
            ObjectMapper json, EvaluationMetrics metrics) {
        this.metrics = metrics;
        this.assignments = assignments;
        this.cases = cases;
        this.forms = forms;
        this.evaluators = evaluators;
        this.actions = actions;
        this.outbox = outbox;
        this.keys = keys;
        this.json = json;
    }

    /** One attempt to reach the complainant. */
    public record ContactAttempt(@Schema(example = "2026-11-24T02:00:00Z") Instant at,
            @Schema(enumeration = { "REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "REFUSED" }, example = "REACHED")
            String outcome) {
    }

    /** The form as the evaluator fills it in. */
    public record FormBody(
            List<ContactAttempt> contactAttempts,
            @Schema(description = "满意 / 基本满意 / 不满意 as the complainant said",
                    enumeration = { "SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED" }, example = "UNSATISFIED")
            String complainantVerdict,
            @Schema(description = "诉求合理性: was the complaint reasonable and lawful",
                    enumeration = { "YES", "PARTLY", "NO" }, example = "YES") String complaintReasonable,
            @Schema(description = "履职到位: did the unit act by law and rules",
                    enumeration = { "YES", "PARTLY", "NO" }, example = "NO") String unitPerformedDuty,
            @Schema(description = "The evaluator's overall verdict", enumeration = { "SATISFIED", "UNSATISFIED" },
                    example = "UNSATISFIED") String evaluatorVerdict,
            @Schema(example = "false") Boolean onSiteVerified,
            @Schema(example = "Visited the window on 2026-11-25") String onSiteNote,
            @Schema(example = "The unit answered without checking the reimbursement rules.") String notes,
            @Schema(description = "References to evidence (file names, recording ids)") List<String> evidenceRefs,
            @Schema(description = "Knowledge article UUIDs consulted") List<String> articleIds) {
    }

    /** The assignment, its case, the form and the knowledge links, as the evaluator sees them. */
    public record AssignmentDetail(Assignment assignment, EvaluationCase caseToEvaluate, CaseEvaluation evaluation,
            Evaluator evaluator) {
    }

    @WithSession
    public Uni<AssignmentDetail> detail(Scope scope, UUID id) {
        return visible(scope, id).chain(a -> cases.findById(a.caseId).chain(c -> forms.ofAssignment(a.id)
                .chain(f -> evaluators.findById(a.evaluatorId).map(e -> new AssignmentDetail(a, c, f, e)))));
    }

    /** A page of assignments in the scope. */
    @WithSession
    public Uni<Evaluators.Page<Assignment>> list(Scope scope, AssignmentRepository.Filter filter, int page, int size) {
        Instant now = Instant.now();
        return assignments.listScoped(scope, filter, now, page, size).chain(items -> assignments
                .countScoped(scope, filter, now).map(n -> new Evaluators.Page<>(items, n, page, size)));
    }

    @WithSession
    public Uni<CaseEvaluation> form(Scope scope, UUID assignmentId) {
        return visible(scope, assignmentId).chain(a -> forms.ofAssignment(a.id)).map(f -> {
            if (f == null) {
                throw ProblemException.notFound("evaluation-not-found", "Nothing saved for assignment "
                        + assignmentId + " yet.");
            }
            return f;
        });
    }

    /** Saves a draft (any field may be missing); refused once submitted. */
    @WithTransaction
    public Uni<CaseEvaluation> saveDraft(Scope scope, String subject, UUID assignmentId, FormBody body) {
        Checked checked = check(body, false);
        return own(scope, subject, assignmentId).chain(a -> forms.ofAssignment(a.id).chain(existing -> {
            if (existing != null && "SUBMITTED".equals(existing.status)) {
                throw ProblemException.conflict("evaluation-already-submitted",
                        "This evaluation was submitted on " + existing.submittedAt + " and cannot change.");
            }
            CaseEvaluation f = existing != null ? existing : blank(a);
            fill(f, checked);
            f.status = "DRAFT";
            return existing != null ? Uni.createFrom().item(f) : forms.persist(f);
        }));
    }

    /** The result of a submission: the form and whether it is the earlier submission replayed. */
    public record Submitted(CaseEvaluation evaluation, boolean replayed) {
    }

    /**
     * Submits the form once: applies the rules, queues any routing action and publishes the event. A retry (same
     * Idempotency-Key, or the same body without a key) answers the first submission; another body is refused.
     */
    @WithTransaction
    public Uni<Submitted> submit(Scope scope, String subject, UUID assignmentId, FormBody body, String key) {
        Checked checked = check(body, true);
        return own(scope, subject, assignmentId).chain(a -> {
            IdempotencyKeys.Scoped scoped = keys.scope(a.tenant, "assignment-evaluation", subject, key, body);
            return keys.earlier(scoped).chain(done -> done != null
                    ? forms.findById(done.resultId).map(f -> new Submitted(f, true))
                    : forms.ofAssignment(a.id).chain(existing -> {
                        if (existing != null && "SUBMITTED".equals(existing.status)) {
                            if (sameContent(existing, checked)) {
                                return Uni.createFrom().item(new Submitted(existing, true));
                            }
                            throw ProblemException.conflict("evaluation-already-submitted",
                                    "This evaluation was submitted on " + existing.submittedAt + " and cannot change.");
                        }
                        CaseEvaluation f = existing != null ? existing : blank(a);
                        fill(f, checked);
                        return cases.findById(a.caseId).chain(c -> apply(a, c, f, existing == null, subject))
                                .call(() -> keys.remember(scoped, f.id, null))
                                .map(x -> new Submitted(f, false));
                    }));
        });
    }

    private Uni<Void> apply(Assignment a, EvaluationCase c, CaseEvaluation f, boolean isNew, String subject) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Not reached: the complainant's own verdict at routing's callback stands in, when there is one.
        String complainant = f.complainantVerdict != null ? f.complainantVerdict : c.callbackSatisfaction;
        EvaluationRules.Outcome outcome = EvaluationRules.decide(a.round, complainant, f.evaluatorVerdict);
        f.status = "SUBMITTED";
        f.submittedAt = now;
        f.updatedAt = now;
        f.outcome = outcome.name();
        a.status = Assignment.Status.SUBMITTED;
        a.submittedAt = now;
        // Both complainant verdicts are kept; after rework the second is the one that counts (Guangzhou's rule).
        if (a.round <= 1) {
            c.firstComplainantVerdict = complainant;
        } else {
            c.secondComplainantVerdict = complainant;
        }
        c.updatedAt = now;
        c.stage = switch (outcome) {
            case REWORK -> EvaluationCase.Stage.REWORK;
            case SUPERVISION -> EvaluationCase.Stage.SUPERVISED;
            default -> EvaluationCase.Stage.EVALUATED;
        };
        c.reworkDueAt = null;
        Uni<Void> persisted = isNew ? forms.persist(f).replaceWithVoid() : Uni.createFrom().voidItem();
        return persisted.chain(() -> outbox.append(EvaluationEvents.evaluationSubmitted(f, a, c, complainant, true)))
                .chain(() -> switch (outcome) {
                    case REWORK -> actions.request(c, org.hotline.evaluation.domain.RoutingAction.Kind.REOPEN,
                            a.round, "EVALUATION", reason(f, complainant), "evaluator:" + subject, f.id);
                    case SUPERVISION -> actions.request(c, org.hotline.evaluation.domain.RoutingAction.Kind.SUPERVISE,
                            a.round, "UNSATISFIED_AFTER_REWORK", reason(f, complainant), "evaluator:" + subject, f.id);
                    default -> Uni.createFrom().voidItem();
                })
                .invoke(() -> metrics.submitted(c.tenant, complainant, f.evaluatorVerdict, outcome.name()));
    }

    private static String reason(CaseEvaluation f, String complainant) {
        String text = "第三方评价 (evaluation " + f.id + ", round " + f.round + "): complainant " + complainant
                + ", evaluator " + f.evaluatorVerdict + "; 诉求合理性 " + f.complaintReasonable + ", 履职到位 "
                + f.unitPerformedDuty + (f.notes == null ? "" : ". " + f.notes);
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** An assignment the scope sees, else 404 (also for another evaluator's, so existence is not revealed). */
    private Uni<Assignment> visible(Scope scope, UUID id) {
        return assignments.findScoped(scope, id).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("assignment-not-found", "No assignment " + id + " in your reach.");
            }
            return a;
        });
    }

    /** An assignment the caller may write: only the evaluator it was given to. */
    private Uni<Assignment> own(Scope scope, String subject, UUID id) {
        return visible(scope, id).chain(a -> evaluators.findById(a.evaluatorId).map(e -> {
            if (e == null || !e.subject.equals(subject)) {
                if (scope.evaluatorSubject() != null) {
                    throw ProblemException.notFound("assignment-not-found", "No assignment " + id + " in your reach.");
                }
                throw ProblemException.forbidden("not-your-assignment",
                        "Only the evaluator the case was given to fills in its evaluation.");
            }
            return a;
        }));
    }

    private record Checked(String attempts, String complainant, String reasonable, String duty, String evaluator,
            boolean onSite, String onSiteNote, String notes, String evidence, String articles) {
    }

    private Checked check(FormBody body, boolean submitting) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        List<ContactAttempt> attempts = body.contactAttempts() == null ? List.of() : body.contactAttempts();
        if (attempts.size() > 20) {
            throw ProblemException.invalidField("contactAttempts", "at most 20 attempts");
        }
        List<ContactAttempt> clean = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            ContactAttempt at = attempts.get(i);
            if (at == null || at.at() == null || at.at().isAfter(Instant.now().plus(1, ChronoUnit.HOURS))) {
                throw ProblemException.invalidField("contactAttempts[" + i + "].at", "a UTC instant, not in the future");
            }
            AttemptOutcome o = FieldChecks.oneOf("contactAttempts[" + i + "].outcome", at.outcome(),
                    AttemptOutcome.class, true);
            clean.add(new ContactAttempt(at.at().truncatedTo(ChronoUnit.SECONDS), o.name()));
        }
        Verdict complainant = FieldChecks.oneOf("complainantVerdict", body.complainantVerdict(), Verdict.class, false);
        if (complainant == Verdict.VERDICT_UNSPECIFIED || complainant == Verdict.UNRECOGNIZED) {
            throw ProblemException.invalidField("complainantVerdict", "SATISFIED, BASICALLY_SATISFIED or UNSATISFIED");
        }
        Judgement reasonable = judgement("complaintReasonable", body.complaintReasonable(), submitting);
        Judgement duty = judgement("unitPerformedDuty", body.unitPerformedDuty(), submitting);
        Verdict evaluator = FieldChecks.oneOf("evaluatorVerdict", body.evaluatorVerdict(), Verdict.class, submitting);
        if (evaluator != null && evaluator != Verdict.SATISFIED && evaluator != Verdict.UNSATISFIED) {
            throw ProblemException.invalidField("evaluatorVerdict", "SATISFIED or UNSATISFIED");
        }
        if (submitting && complainant == null && clean.stream().noneMatch(x -> !"REACHED".equals(x.outcome()))) {
            throw ProblemException.invalidField("complainantVerdict",
                    "is required, or record the attempts that failed to reach the complainant");
        }
        List<String> articles = FieldChecks.texts("articleIds", body.articleIds(), 50, 64);
        for (int i = 0; i < articles.size(); i++) {
            try {
                UUID.fromString(articles.get(i));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("articleIds[" + i + "]", "a knowledge article's UUID");
            }
        }
        return new Checked(write(clean), complainant == null ? null : complainant.name(),
                reasonable == null ? null : reasonable.name(), duty == null ? null : duty.name(),
                evaluator == null ? null : evaluator.name(), Boolean.TRUE.equals(body.onSiteVerified()),
                FieldChecks.text("onSiteNote", body.onSiteNote(), 2000, false),
                FieldChecks.text("notes", body.notes(), 4000, false),
                write(FieldChecks.texts("evidenceRefs", body.evidenceRefs(), 50, 500)), write(articles));
    }

    private static Judgement judgement(String field, String value, boolean required) {
        Judgement j = FieldChecks.oneOf(field, value, Judgement.class, required);
        if (j == Judgement.JUDGEMENT_UNSPECIFIED || j == Judgement.UNRECOGNIZED) {
            throw ProblemException.invalidField(field, "YES, PARTLY or NO");
        }
        return j;
    }

    private static CaseEvaluation blank(Assignment a) {
        CaseEvaluation f = new CaseEvaluation();
        f.id = UUID.randomUUID();
        f.tenant = a.tenant;
        f.assignmentId = a.id;
        f.caseId = a.caseId;
        f.round = a.round;
        f.status = "DRAFT";
        return f;
    }

    private static void fill(CaseEvaluation f, Checked c) {
        f.contactAttempts = c.attempts();
        f.complainantVerdict = c.complainant();
        f.complaintReasonable = c.reasonable();
        f.unitPerformedDuty = c.duty();
        f.evaluatorVerdict = c.evaluator();
        f.onSiteVerified = c.onSite();
        f.onSiteNote = c.onSiteNote();
        f.notes = c.notes();
        f.evidenceRefs = c.evidence();
        f.articles = c.articles();
        f.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean sameContent(CaseEvaluation f, Checked c) {
        return java.util.Objects.equals(f.contactAttempts, c.attempts())
                && java.util.Objects.equals(f.complainantVerdict, c.complainant())
                && java.util.Objects.equals(f.complaintReasonable, c.reasonable())
                && java.util.Objects.equals(f.unitPerformedDuty, c.duty())
                && java.util.Objects.equals(f.evaluatorVerdict, c.evaluator()) && f.onSiteVerified == c.onSite()
                && java.util.Objects.equals(f.onSiteNote, c.onSiteNote()) && java.util.Objects.equals(f.notes, c.notes())
                && java.util.Objects.equals(f.evidenceRefs, c.evidence())
                && java.util.Objects.equals(f.articles, c.articles());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a JSON list column. */
    public <T> List<T> read(String value, TypeReference<List<T>> type) {
        try {
            return value == null ? List.of() : json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
