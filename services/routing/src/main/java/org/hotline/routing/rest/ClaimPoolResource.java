package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.security.Roles;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.ClaimPoolService;
import org.hotline.routing.service.WorkOrderService;

/** The claim pool (抢单) as a handler's unit sees it. */
@Path("/api/v1/claim-pool")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimPoolResource {

    private final ClaimPoolService pool;
    private final CallerIdentity callers;

    public ClaimPoolResource(ClaimPoolService pool, CallerIdentity callers) {
        this.pool = pool;
        this.callers = callers;
    }

    @GET
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "Pooled orders the handler's unit may claim, soonest deadline first")
    public Uni<WorkOrderService.WorkOrderPage> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return pool.claimable(callers.current(), page, size);
    }
}
