package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.evaluation.service.EvaluationDraft;
import org.hotline.evaluation.service.EvaluationRecorder;

/** Bulk import of evaluations (historical data, load tests) by the platform operator: one transaction per import. */
@Path("/api/v1/evaluation-imports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.PLATFORM_OPERATOR })
public class EvaluationImportResource {

    private final EvaluationRecorder recorder;
    private final TenantContext tenants;

    public EvaluationImportResource(EvaluationRecorder recorder, TenantContext tenants) {
        this.recorder = recorder;
        this.tenants = tenants;
    }

    /** What to import. */
    public record EvaluationImport(List<EvaluationDraft> evaluations) {
    }

    /** What was imported. */
    public record ImportResult(int imported) {
    }

    @POST
    @Operation(summary = "Import up to 1000 evaluations at once",
            description = "Each one is published as evaluation.evaluation.recorded. Retrying with the same "
                    + "Idempotency-Key imports nothing more.")
    public Uni<ImportResult> importAll(
            @Parameter(example = "import-2026-11-23-001") @HeaderParam("Idempotency-Key") String key,
            EvaluationImport body) {
        tenants.requireAccess("*");
        return recorder.importAll(body == null ? null : body.evaluations(), tenants.subject(), key)
                .map(ImportResult::new);
    }
}
