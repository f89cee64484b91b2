package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.domain.AgentPresence;
import org.hotline.intake.service.AgentStates;

/** Agents' states (logged in, available, busy, wrap-up) per queue, which the wait estimates count. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentStates states;
    private final org.hotline.intake.repository.AgentStateRepository repository;
    private final TenantContext tenants;

    public AgentResource(AgentStates states, org.hotline.intake.repository.AgentStateRepository repository,
            TenantContext tenants) {
        this.states = states;
        this.repository = repository;
        this.tenants = tenants;
    }

    /** The state an agent is in, and the queue (pooling region, or a province code for the province queue). */
    @Schema(name = "AgentStateRequest", example = "{\"regionCode\":\"370300\",\"state\":\"AVAILABLE\"}")
    public record StateRequest(
            @NotNull(message = "is required") @Pattern(regexp = "\\d{6}", message = "must be a 6-digit region code")
            String regionCode,
            @NotNull(message = "is required (LOGGED_OUT, LOGGED_IN, AVAILABLE, BUSY or WRAP_UP)") AgentPresence state) {
    }

    /** An agent's state as stored. */
    public record StateView(String agentId, String tenant, String regionCode, String state, Instant updatedAt) {
    }

    @PUT
    @Path("/{agentId}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT, Roles.SERVICE, Roles.TENANT_ADMIN })
    @Operation(summary = "Set an agent's state in a queue")
    public Uni<StateView> set(@PathParam("agentId") @Pattern(regexp = "[A-Za-z0-9._:\\-]{1,64}",
            message = "may hold 1 to 64 letters, digits and . _ : -") String agentId,
            @Valid @NotNull(message = "a JSON body is required") StateRequest request) {
        return states.set(agentId, request.regionCode(), request.state(), tenants.tenant())
                .map(a -> new StateView(a.agentId, a.tenant, a.regionCode, a.state.name(), a.updatedAt));
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Agents logged in to a queue and their states, for the supervisors' board")
    public Uni<List<StateView>> list(@QueryParam("regionCode") @NotNull(message = "is required")
            @Pattern(regexp = "\\d{6}", message = "must be a 6-digit region code") String regionCode) {
        tenants.requireAccess(regionCode.substring(0, 2));
        return repository.inQueue(regionCode.substring(0, 2), regionCode).map(list -> list.stream()
                .map(a -> new StateView(a.agentId, a.tenant, a.regionCode, a.state.name(), a.updatedAt)).toList());
    }
}
