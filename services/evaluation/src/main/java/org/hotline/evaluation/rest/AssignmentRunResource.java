package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.AssignmentRun;
import org.hotline.evaluation.service.AssignmentRuns;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.IdempotencyKeys;

/** Assignment runs: the weekly job's, and on demand for a given week. */
@Path("/api/v1/assignment-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssignmentRunResource {

    private final AssignmentRuns runs;
    private final CallerScope caller;
    private final IdempotencyKeys keys;

    public AssignmentRunResource(AssignmentRuns runs, CallerScope caller, IdempotencyKeys keys) {
        this.runs = runs;
        this.caller = caller;
        this.keys = keys;
    }

    /** What to run. */
    public record RunBody(@Schema(description = "Tenant; only a national caller gives it", example = "37") String tenant,
            @Schema(description = "Monday of the week (tenant's zone); empty = this week", example = "2026-11-23")
            String week,
            @Schema(description = "Seed of the plan; empty = derived from tenant and week", example = "42") Long seed) {
    }

    /** A run as the API shows it. */
    public record RunView(UUID id, String tenant, LocalDate week, long seed, String trigger, String startedBy,
            int assigned, int unassigned, int notSampled, Instant createdAt, List<UnassignedView> unassignedCases) {

        static RunView of(AssignmentRun r, List<UnassignedView> unassigned) {
            return new RunView(r.id, r.tenant, r.week, r.seed, r.trigger, r.startedBy, r.assigned, r.unassigned,
                    r.notSampled, r.createdAt, unassigned);
        }
    }

    /** A case the run could not assign, and why. */
    public record UnassignedView(UUID caseId, String reason) {
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Run the assignment of a week now",
            description = "Samples the new cases, assigns them (same region first, by capacity, conflicts excluded, "
                    + "reproducible from the seed) and lists the cases it could not assign with the reason. Running the "
                    + "same week again assigns only cases that were not assigned before. With an Idempotency-Key a retry "
                    + "answers the first run (200).")
    public Uni<Response> run(@Parameter(example = "run-37-2026-11-23") @HeaderParam("Idempotency-Key") String key,
            RunBody body, @Context UriInfo uri) {
        RunBody b = body == null ? new RunBody(null, null, null) : body;
        String tenant = caller.tenantFor(b.tenant(), "tenant");
        LocalDate week;
        try {
            week = b.week() == null || b.week().isBlank() ? runs.weekOf(tenant, Instant.now()) : LocalDate.parse(b.week());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("week", "an ISO date, the Monday of the week, e.g. 2026-11-23");
        }
        IdempotencyKeys.Scoped scoped = keys.scope(tenant, "assignment-runs", caller.subject(), key, b);
        LocalDate w = week;
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> keys.earlier(scoped))
                .chain(done -> done != null
                        ? runs.report(caller.scope(), done.resultId).map(r -> Response.ok(view(r)).build())
                        : runs.run(tenant, w, b.seed(), "ON_DEMAND", caller.subject(), scoped)
                                .chain(run -> runs.report(caller.scope(), run.id))
                                .map(r -> Response.created(uri.getAbsolutePathBuilder().path(r.run().id.toString())
                                        .build()).entity(view(r)).build()));
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Recent runs of your tenant, newest first")
    public Uni<List<RunView>> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return runs.list(caller.scope(), page, size).map(l -> l.stream().map(r -> RunView.of(r, null)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A run with the cases it could not assign")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        return runs.report(caller.scope(), id).map(AssignmentRunResource::view);
    }

    private static RunView view(AssignmentRuns.RunReport r) {
        return RunView.of(r.run(), r.unassigned().stream()
                .map(u -> new UnassignedView(u.key.caseId(), u.reason)).toList());
    }
}
