package org.hotline.evaluation.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.category.ServiceCategory;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.repository.AssignmentRepository;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.EvaluationForms;

/**
 * An evaluator's assignments and their evaluation forms. Evaluators see and write only their own (another's: 404);
 * tenant admins and leaders read their province's; the platform operator reads all.
 */
@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
public class AssignmentResource {

    private final EvaluationForms forms;
    private final CallerScope caller;
    private final EvaluationConfig config;

    public AssignmentResource(EvaluationForms forms, CallerScope caller, EvaluationConfig config) {
        this.forms = forms;
        this.caller = caller;
        this.config = config;
    }

    /** An assignment in a list. */
    public record AssignmentView(UUID id, String tenant, UUID caseId, int round, UUID evaluatorId, UUID runId,
            LocalDate week, String status, Instant assignedAt, Instant dueAt, Instant remindAt, String deadlineBasis,
            boolean overdue, Instant submittedAt) {

        static AssignmentView of(Assignment a) {
            return new AssignmentView(a.id, a.tenant, a.caseId, a.round, a.evaluatorId, a.runId, a.week,
                    a.status.name(), a.assignedAt, a.dueAt, a.remindAt, a.deadlineBasis,
                    a.status == Assignment.Status.OPEN && a.dueAt.isBefore(Instant.now()), a.submittedAt);
        }
    }

    /** The case behind an assignment, as the evaluator needs it (the complainant's number masked). */
    public record CaseView(UUID id, UUID workOrderId, String category, String categoryName, String subcategory,
            String regionCode, String poolingRegionCode, UUID unitId, String title, String address,
            String citizenPhoneMasked, String routingStatus, String callbackSatisfaction, int reopenCount,
            boolean supervised, Instant repliedAt, String stage, int round, String sampleReason,
            String firstComplainantVerdict, String secondComplainantVerdict, String countingComplainantVerdict,
            String unassignedReason) {

        static CaseView of(EvaluationCase c) {
            return new CaseView(c.id, c.workOrderId, c.category,
                    ServiceCategory.parse(c.category).map(ServiceCategory::chineseName).orElse(c.category),
                    c.subcategory, c.regionCode, c.poolingRegionCode, c.unitId, c.title, c.address,
                    c.citizenPhoneMasked, c.routingStatus, c.callbackSatisfaction, c.reopenCount, c.supervised,
                    c.repliedAt, c.stage.name(), c.round, c.sampleReason, c.firstComplainantVerdict,
                    c.secondComplainantVerdict, c.countingComplainantVerdict(), c.unassignedReason);
        }
    }

    /** Links into knowledge's REST API for citing articles. */
    public record KnowledgeLink(String rel, String title, String href) {
    }

    /** The evaluation form as stored. */
    public record EvaluationView(UUID id, UUID assignmentId, UUID caseId, int round, String status,
            List<EvaluationForms.ContactAttempt> contactAttempts, String complainantVerdict,
            String complaintReasonable, String unitPerformedDuty, String evaluatorVerdict, boolean onSiteVerified,
            String onSiteNote, String notes, List<String> evidenceRefs, List<String> articleIds, String outcome,
            Instant submittedAt, Instant updatedAt, @JsonIgnore String tenant) implements AuditedCase {

        @Override
        public String auditId() {
            return assignmentId.toString();
        }

        @Override
        public String auditTenant() {
            return tenant;
        }
    }

    /** One assignment with its case, form and knowledge links. */
    public record AssignmentDetailView(AssignmentView assignment, String evaluatorName, CaseView caseToEvaluate,
            EvaluationView evaluation, List<KnowledgeLink> knowledge) implements AuditedCase {

        @Override
        public String auditId() {
            return assignment.id().toString();
        }

        @Override
        public String auditTenant() {
            return assignment.tenant();
        }
    }

    /** A page of assignments. */
    public record AssignmentPage(List<AssignmentView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "List assignments", description = "An evaluator lists their own; staff their province's. "
            + "overdue=true: open past the deadline; dueSoon=true: open with the reminder due.")
    public Uni<AssignmentPage> list(@Parameter(example = "OPEN") @QueryParam("status") String status,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @QueryParam("dueSoon") @DefaultValue("false") boolean dueSoon,
            @QueryParam("evaluatorId") UUID evaluatorId,
            @Parameter(example = "2026-11-23") @QueryParam("week") String week,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        if (status != null && !status.equals("OPEN") && !status.equals("SUBMITTED")) {
            throw ProblemException.invalidField("status", "OPEN or SUBMITTED");
        }
        LocalDate w;
        try {
            w = week == null || week.isBlank() ? null : LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("week", "an ISO date (Monday of the week)");
        }
        return forms.list(caller.scope(), new AssignmentRepository.Filter(status, overdue, dueSoon, evaluatorId, w),
                page, size).map(p -> new AssignmentPage(p.items().stream().map(AssignmentView::of).toList(),
                        p.total(), p.page(), p.size()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One assignment with its case, the form and links to the knowledge search")
    @Audited(resource = "assignment", action = AuditAction.READ)
    public Uni<AssignmentDetailView> get(@PathParam("id") UUID id) {
        return forms.detail(caller.scope(), id).map(d -> new AssignmentDetailView(AssignmentView.of(d.assignment()),
                d.evaluator() == null ? null : d.evaluator().name, CaseView.of(d.caseToEvaluate()),
                d.evaluation() == null ? null : view(d.evaluation()), links(d.caseToEvaluate(), d.evaluation())));
    }

    @GET
    @Path("/{id}/evaluation")
    @Operation(summary = "The evaluation form (draft or submitted)")
    @Audited(resource = "assignment", action = AuditAction.READ)
    public Uni<EvaluationView> form(@PathParam("id") UUID id) {
        return forms.form(caller.scope(), id).map(this::view);
    }

    @PUT
    @Path("/{id}/evaluation")
    @RolesAllowed({ Roles.EVALUATOR })
    @Operation(summary = "Save a draft", description = "Any field may still be missing; refused (409) once submitted.")
    @Audited(resource = "assignment", action = AuditAction.UPDATE)
    public Uni<EvaluationView> saveDraft(@PathParam("id") UUID id, EvaluationForms.FormBody body) {
        return forms.saveDraft(caller.scope(), caller.subject(), id, body).map(this::view);
    }

    @POST
    @Path("/{id}/evaluation")
    @RolesAllowed({ Roles.EVALUATOR })
    @Operation(summary = "Submit the evaluation",
            description = "Applies the rules: complainant and evaluator unsatisfied -> rework (first round) or "
                    + "supervision (after rework) through routing; verdicts that disagree -> next hearing. Publishes "
                    + "evaluation.evaluation.submitted. A retry (same Idempotency-Key, or the same body) answers the "
                    + "first submission with 200; the same key with another body is a 422 idempotency-key-reused; "
                    + "another body after submission is a 409 evaluation-already-submitted.")
    @Audited(resource = "assignment", action = AuditAction.UPDATE)
    public Uni<Response> submit(
            @Parameter(example = "4b1c8f0e-5d2a-4c3b-9e7f-0a1b2c3d4e5f") @HeaderParam("Idempotency-Key") String key,
            @PathParam("id") UUID id, EvaluationForms.FormBody body) {
        return forms.submit(caller.scope(), caller.subject(), id, body, key).map(s -> (s.replayed()
                ? Response.ok(view(s.evaluation())) : Response.status(Response.Status.CREATED).entity(view(s.evaluation())))
                .build());
    }

    private EvaluationView view(CaseEvaluation f) {
        return new EvaluationView(f.id, f.assignmentId, f.caseId, f.round, f.status,
                forms.read(f.contactAttempts, new TypeReference<List<EvaluationForms.ContactAttempt>>() { }),
                f.complainantVerdict, f.complaintReasonable, f.unitPerformedDuty, f.evaluatorVerdict, f.onSiteVerified,
                f.onSiteNote, f.notes, forms.read(f.evidenceRefs, new TypeReference<List<String>>() { }),
                forms.read(f.articles, new TypeReference<List<String>>() { }), f.outcome, f.submittedAt, f.updatedAt,
                f.tenant);
    }

    /** Search links for the case's category and region, and links to the articles already cited. */
    private List<KnowledgeLink> links(EvaluationCase c, CaseEvaluation f) {
        String base = config.knowledge().publicUrl().replaceAll("/+$", "");
        String region = c.poolingRegionCode != null ? c.poolingRegionCode : c.regionCode;
        String topic = c.subcategory != null ? c.subcategory
                : ServiceCategory.parse(c.category).map(ServiceCategory::chineseName).orElse(c.category);
        List<KnowledgeLink> links = new ArrayList<>();
        links.add(new KnowledgeLink("search", "知识库检索: " + topic,
                base + "/api/v1/search?q=" + enc(topic) + "&region=" + region));
        if (c.title != null) {
            links.add(new KnowledgeLink("search", "按工单标题检索: " + c.title,
                    base + "/api/v1/search?q=" + enc(c.title) + "&region=" + region));
        }
        links.add(new KnowledgeLink("answer", "政策解答", base + "/api/v1/answers?q=" + enc(c.title != null ? c.title : topic)
                + "&region=" + region));
        if (f != null) {
            for (String article : forms.read(f.articles, new TypeReference<List<String>>() { })) {
                links.add(new KnowledgeLink("article", article, base + "/api/v1/articles/" + article));
            }
        }
        return links;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
