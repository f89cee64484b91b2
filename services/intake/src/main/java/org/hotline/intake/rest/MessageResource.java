package org.hotline.intake.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.repository.MessageRepository;
import org.hotline.intake.service.MessageIntake;
import org.jboss.resteasy.reactive.RestResponse;

/** Text channels (web, app, WeChat): 7x24 automatic answers, otherwise a case with a query code. */
@Path("/api/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageIntake intake;
    private final MessageRepository messages;
    private final HandOffRepository handOffs;
    private final TenantContext tenants;

    public MessageResource(MessageIntake intake, MessageRepository messages, HandOffRepository handOffs,
            TenantContext tenants) {
        this.intake = intake;
        this.messages = messages;
        this.handOffs = handOffs;
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Receive a citizen's message",
            description = "Answered automatically when knowledge is confident (with citations), at any hour; "
                    + "otherwise, or when knowledge is down (polite fallback), handed to a department as a work "
                    + "order with a query code. Never an error because a back-end is busy.")
    @APIResponse(responseCode = "201", description = "Received; the body carries the reply for the citizen")
    @APIResponse(responseCode = "400", description = "Unknown channel, oversized text, invalid phone number")
    public Uni<RestResponse<MessageView>> receive(
            @Valid @NotNull(message = "a JSON body is required") MessageRequest request,
            @Parameter(description = "Repeats with the same key return the first message")
            @HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey,
            UriInfo uri) {
        return intake.receive(request, tenants.tenant(), tenants.subject(), idempotencyKey)
                .map(r -> RestResponse.ResponseBuilder.<MessageView>create(RestResponse.Status.CREATED,
                                MessageView.of(r.message(), r.handOff(), r.nextOpeningAt()))
                        .location(uri.getAbsolutePathBuilder().path(r.message().id.toString()).build())
                        .header("Idempotent-Replayed", r.replayed() ? "true" : null)
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "One message with its reply and case")
    @WithSession
    public Uni<MessageView> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("message-not-found", "No message " + id + ".");
        }
        return messages.findById(uuid).flatMap(m -> {
            if (m == null) {
                throw ProblemException.notFound("message-not-found", "No message " + id + ".");
            }
            Visibility.require(tenants, m.tenant, "message-not-found", "message " + id);
            return handOffs.findById(m.contactId).map(h -> MessageView.of(m, h, null));
        });
    }
}
