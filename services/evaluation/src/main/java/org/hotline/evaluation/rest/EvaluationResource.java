package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.evaluation.domain.Evaluation;
import org.hotline.evaluation.repository.EvaluationRepository;
import org.hotline.evaluation.service.EvaluationDraft;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.EvaluationRecorder;

/** Evaluators record their verdict on handled work orders; each one is published on evaluation's feed. */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
public class EvaluationResource {

    private final EvaluationRecorder recorder;
    private final EvaluationRepository evaluations;
    private final TenantContext tenants;
    private final CallerScope caller;

    public EvaluationResource(EvaluationRecorder recorder, EvaluationRepository evaluations, TenantContext tenants,
            CallerScope caller) {
        this.recorder = recorder;
        this.evaluations = evaluations;
        this.tenants = tenants;
        this.caller = caller;
    }

    /** An evaluation as the API shows it. */
    public record EvaluationView(UUID id, String tenant, UUID workOrderId, String regionCode, String verdict,
            int score, String evaluator, Instant recordedAt) implements AuditedCase {

        @Override
        public String auditId() {
            return id.toString();
        }

        @Override
        public String auditTenant() {
            return tenant;
        }

        static EvaluationView of(Evaluation e) {
            return new EvaluationView(e.id, e.tenant, e.workOrderId, e.regionCode, e.verdict.name(), e.score,
                    e.evaluator, e.recordedAt);
        }
    }

    @POST
    @Operation(summary = "Record an evaluation",
            description = "The work order must be a case evaluation follows from routing's feed, in your tenant "
                    + "(404 case-not-found otherwise). Publishes evaluation.evaluation.recorded. A retry with the same Idempotency-Key returns "
                    + "the first evaluation (200) instead of recording another.")
    @Audited(resource = "evaluation", action = AuditAction.CREATE)
    public Uni<Response> record(
            @Parameter(example = "7c1e9a52-0f7e-4b8e-a1d5-5c1b7e0e9f00") @HeaderParam("Idempotency-Key") String key,
            EvaluationDraft draft, @Context UriInfo uri) {
        tenants.requireAccess(EvaluationRecorder.tenantOf(draft, ""));
        return recorder.record(caller.scope(), draft, tenants.subject(), key).map(r -> (r.replayed()
                ? Response.ok(EvaluationView.of(r.evaluation()))
                : Response.created(uri.getAbsolutePathBuilder().path(r.evaluation().id.toString()).build())
                        .entity(EvaluationView.of(r.evaluation()))).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an evaluation")
    @Audited(resource = "evaluation", action = AuditAction.READ)
    public Uni<EvaluationView> get(@PathParam("id") UUID id) {
        return evaluations.findScoped(caller.scope(), id).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("evaluation-not-found", "No evaluation " + id + " in your tenant.");
            }
            return EvaluationView.of(e);
        });
    }
}
