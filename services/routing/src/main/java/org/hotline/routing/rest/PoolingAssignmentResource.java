package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.security.Roles;
import org.hotline.routing.domain.PoolingAssignment;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.PoolingAssignmentService;

/** Tenants' effective-dated pooling decisions (province-level pooling, re-divisions). */
@Path("/api/v1/pooling-assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PoolingAssignmentResource {

    private final PoolingAssignmentService service;
    private final CallerIdentity callers;

    public PoolingAssignmentResource(PoolingAssignmentService service, CallerIdentity callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Make a region pool with another from a date",
            description = "E.g. {\"regionCode\":\"460000\",\"poolingCode\":\"460000\",\"effectiveFrom\":\"2027-01-01\"} "
                    + "for province-level pooling. Old cases still resolve as they were before effectiveFrom.")
    public Uni<Response> create(PoolingAssignmentService.AssignmentInput body) {
        return service.create(callers.current(), body == null ? new PoolingAssignmentService.AssignmentInput(null, null,
                null, null, null) : body).map(a -> Response.created(URI.create("/api/v1/pooling-assignments/" + a.id))
                .entity(a).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER })
    @Operation(summary = "Pooling assignments of the caller's tenant (national: any tenant or all)")
    public Uni<List<PoolingAssignment>> list(@QueryParam("tenant") String tenant) {
        return service.list(callers.current(), tenant);
    }
}
