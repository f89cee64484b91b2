package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.service.Open311Requests;
import org.jboss.resteasy.reactive.RestResponse;

/** Registers Open311 integrators of a tenant; the API key is shown once and stored hashed. */
@Path("/api/v1/open311-integrators")
@Produces(MediaType.APPLICATION_JSON)
public class Open311IntegratorResource {

    private final Open311Requests open311;
    private final TenantContext tenants;

    public Open311IntegratorResource(Open311Requests open311, TenantContext tenants) {
        this.open311 = open311;
        this.tenants = tenants;
    }

    /** A new integrator. */
    @Schema(name = "Open311IntegratorRequest", example = "{\"name\":\"淄博市民服务App\",\"tenant\":\"37\"}")
    public record IntegratorRequest(@NotBlank(message = "is required") @Size(max = 128) String name,
            @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code") String tenant) {
    }

    /** The integrator with its API key, shown only in this response. */
    public record IntegratorView(UUID id, String name, String tenant, String apiKey, Instant createdAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Register an Open311 integrator and get its API key (shown once)")
    public Uni<RestResponse<IntegratorView>> create(
            @Valid @NotNull(message = "a JSON body is required") IntegratorRequest request,
            @jakarta.ws.rs.HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey) {
        String tenant = tenants.effectiveTenant(request.tenant());
        if ("*".equals(tenant)) {
            throw org.hotline.common.problem.ProblemException.invalidField("tenant",
                    "is required for national callers (the integrator's jurisdiction)");
        }
        return open311.createIntegrator(tenant, request.name(), tenants.subject(), idempotencyKey)
                .map(n -> RestResponse.status(RestResponse.Status.CREATED, new IntegratorView(n.integrator().id,
                        n.integrator().name, n.integrator().tenant, n.apiKey(), n.integrator().createdAt)));
    }
}
