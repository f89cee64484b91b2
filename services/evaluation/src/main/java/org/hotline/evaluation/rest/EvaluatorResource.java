package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.domain.EvaluatorConflict;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.Evaluators;

/** Third-party evaluators of a tenant and their conflict-of-interest declarations. */
@Path("/api/v1/evaluators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EvaluatorResource {

    private final Evaluators evaluators;
    private final CallerScope caller;

    public EvaluatorResource(Evaluators evaluators, CallerScope caller) {
        this.evaluators = evaluators;
        this.caller = caller;
    }

    /** An evaluator as the API shows it (phone masked). */
    public record EvaluatorView(UUID id, String tenant, String subject, String name, String phoneMasked,
            List<String> regionCodes, String status, int weeklyCapacity, Instant createdAt, Instant updatedAt) {

        static EvaluatorView of(Evaluator e) {
            return new EvaluatorView(e.id, e.tenant, e.subject, e.name, PhoneNumber.mask(e.phone), e.regions(),
                    e.status.name(), e.weeklyCapacity, e.createdAt, e.updatedAt);
        }
    }

    /** A conflict declaration as the API shows it (a person's phone masked). */
    public record ConflictView(UUID id, UUID evaluatorId, String kind, String value, String note, Instant createdAt) {

        static ConflictView of(EvaluatorConflict c) {
            return new ConflictView(c.id, c.evaluatorId, c.kind.name(),
                    c.kind == EvaluatorConflict.Kind.PERSON ? PhoneNumber.mask(c.value) : c.value, c.note, c.createdAt);
        }
    }

    /** A page of evaluators. */
    public record EvaluatorPage(List<EvaluatorView> items, long total, int page, int size) {
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Create an evaluator", description = "Tenant admins of the province; a national operator names "
            + "the tenant. The token subject links to one evaluator per tenant (409 evaluator-subject-taken). A retry "
            + "with the same Idempotency-Key returns the first evaluator (200); another body with it is a 422.")
    public Uni<Response> create(
            @Parameter(example = "b8f8a7b4-1c9e-4a3e-9a41-1f2d3c4b5a60") @HeaderParam("Idempotency-Key") String key,
            Evaluators.EvaluatorBody body, @Context UriInfo uri) {
        String tenant = caller.tenantFor(body == null ? null : body.tenant(), "tenant");
        return evaluators.create(caller.scope(), tenant, caller.subject(), key, body).map(r -> (r.replayed()
                ? Response.ok(EvaluatorView.of(r.value()))
                : Response.created(uri.getAbsolutePathBuilder().path(r.value().id.toString()).build())
                        .entity(EvaluatorView.of(r.value()))).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "List evaluators of your tenant")
    public Uni<EvaluatorPage> list(@Parameter(example = "ACTIVE") @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return evaluators.list(caller.scope(), status, page, size).map(p -> new EvaluatorPage(
                p.items().stream().map(EvaluatorView::of).toList(), p.total(), p.page(), p.size()));
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Roles.EVALUATOR })
    @Operation(summary = "The evaluator your token's subject links to")
    public Uni<EvaluatorView> me() {
        return evaluators.mine(caller.scope().tenant(), caller.subject()).map(EvaluatorView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR, Roles.EVALUATOR })
    @Operation(summary = "Read an evaluator", description = "An evaluator reads only their own profile (404 otherwise).")
    public Uni<EvaluatorView> get(@PathParam("id") UUID id) {
        return evaluators.get(caller.scope(), id).map(EvaluatorView::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Change an evaluator's profile, regions, status (ACTIVE, PAUSED, RETIRED) or capacity")
    public Uni<EvaluatorView> update(@PathParam("id") UUID id, Evaluators.EvaluatorBody body) {
        return evaluators.update(caller.scope(), id, body).map(EvaluatorView::of);
    }

    @GET
    @Path("/{id}/conflicts")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR, Roles.EVALUATOR })
    @Operation(summary = "An evaluator's conflict-of-interest declarations")
    public Uni<List<ConflictView>> conflicts(@PathParam("id") UUID id) {
        return evaluators.conflicts(caller.scope(), id).map(l -> l.stream().map(ConflictView::of).toList());
    }

    @POST
    @Path("/{id}/conflicts")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.EVALUATOR })
    @Operation(summary = "Declare a conflict of interest",
            description = "ADDRESS (own address), ESTATE (housing estate), UNIT (routing unit UUID) or PERSON (phone). "
                    + "Cases touching it are never assigned to the evaluator. Evaluators declare their own.")
    public Uni<Response> declare(@PathParam("id") UUID id, Evaluators.ConflictBody body, @Context UriInfo uri) {
        return evaluators.declare(caller.scope(), id, body).map(c -> Response
                .created(uri.getAbsolutePathBuilder().path(c.id.toString()).build()).entity(ConflictView.of(c)).build());
    }

    @DELETE
    @Path("/{id}/conflicts/{conflictId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Withdraw a declaration")
    public Uni<Response> withdraw(@PathParam("id") UUID id, @PathParam("conflictId") UUID conflictId) {
        return evaluators.withdraw(caller.scope(), id, conflictId).map(x -> Response.noContent().build());
    }
}
