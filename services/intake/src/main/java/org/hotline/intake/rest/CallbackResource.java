package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.repository.CallbackRepository;
import org.hotline.intake.service.Callbacks;
import org.jboss.resteasy.reactive.RestResponse;

/** Callbacks as agents' tasks: take the one at the front of the queue, record each attempt. */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {

    private final Callbacks callbacks;
    private final CallbackRepository repository;
    private final TenantContext tenants;

    public CallbackResource(Callbacks callbacks, CallbackRepository repository, TenantContext tenants) {
        this.callbacks = callbacks;
        this.repository = repository;
        this.tenants = tenants;
    }

    /** The agent asking for the next callback task. */
    @Schema(name = "NextCallbackRequest", example = "{\"agentId\":\"agent-0533-01\"}")
    public record NextRequest(@NotBlank(message = "is required") @Size(max = 64) String agentId) {
    }

    /** One attempt to call back. */
    @Schema(name = "CallbackAttemptRequest", example = "{\"agentId\":\"agent-0533-01\",\"result\":\"REACHED\"}")
    public record AttemptRequest(@NotBlank(message = "is required") @Size(max = 64) String agentId,
            @NotNull(message = "is required (REACHED, NO_ANSWER, BUSY or WRONG_NUMBER)")
            @Pattern(regexp = "REACHED|NO_ANSWER|BUSY|WRONG_NUMBER",
                    message = "must be REACHED, NO_ANSWER, BUSY or WRONG_NUMBER") String result,
            @Size(max = 500) String note) {
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT, Roles.SERVICE, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "One callback")
    public Uni<CallbackView> get(@PathParam("id") String id) {
        return repository.findById(parse(id)).map(cb -> {
            if (cb == null) {
                throw ProblemException.notFound("callback-not-found", "No callback " + id + ".");
            }
            Visibility.require(tenants, cb.tenant, "callback-not-found", "callback " + id);
            return CallbackView.of(cb, !(tenants.hasRole(Roles.AGENT) || tenants.hasRole(Roles.SERVICE)));
        });
    }

    @POST
    @Path("/next")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT })
    @Operation(summary = "Take the callback at the front of the agent's queue",
            description = "204 when the front of the queue is a live call (the switch delivers it) or nothing waits.")
    @APIResponse(responseCode = "200", description = "The callback, now DIALING by this agent")
    @APIResponse(responseCode = "204", description = "No callback is at the front")
    public Uni<RestResponse<CallbackView>> next(@Valid @NotNull(message = "a JSON body is required") NextRequest r) {
        return callbacks.next(r.agentId(), tenants.tenant()).map(cb -> cb == null
                ? RestResponse.noContent()
                : RestResponse.ok(CallbackView.of(cb, false)));
    }

    @POST
    @Path("/{id}/attempts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT })
    @Operation(summary = "Record an attempt; REACHED completes the callback, failures keep its place")
    public Uni<CallbackView> attempt(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") AttemptRequest r,
            @jakarta.ws.rs.HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey) {
        return callbacks.attempt(parse(id), r.agentId(), r.result(), r.note(), tenants.tenant(), idempotencyKey)
                .map(cb -> CallbackView.of(cb, false));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("callback-not-found", "No callback " + id + ".");
        }
    }
}
