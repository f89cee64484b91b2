package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.security.Roles;
import org.hotline.routing.service.WorkOrderSweep;

/** Runs the warning and claim-lease sweep now, for operators (it also runs on a schedule in every replica). */
@Path("/api/v1/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public class SweepResource {

    private final WorkOrderSweep sweep;

    public SweepResource(WorkOrderSweep sweep) {
        this.sweep = sweep;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_OPERATOR)
    @Operation(summary = "Sweep now: expired claims back to the pool, yellow and red warnings (each exactly once)")
    public Uni<WorkOrderSweep.Outcome> sweepNow() {
        return sweep.sweep();
    }
}
