package org.hotline.intake.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.repository.CallRecordRepository;
import org.hotline.intake.repository.CallbackRepository;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.service.AnswerOutcome;
import org.hotline.intake.service.AutomaticAnswers;
import org.hotline.intake.service.CallEvents;
import org.hotline.intake.service.Callbacks;
import org.hotline.intake.service.QueueEstimates;
import org.hotline.intake.service.QueuePosition;
import org.jboss.resteasy.reactive.RestResponse;

/** The phone channel: the switch's call events, call records, queue positions, callbacks and IVR questions. */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private final CallEvents events;
    private final QueueEstimates queues;
    private final Callbacks callbacks;
    private final AutomaticAnswers answers;
    private final CallRecordRepository calls;
    private final ContactRepository contacts;
    private final HandOffRepository handOffs;
    private final CallbackRepository callbackRepository;
    private final TenantContext tenants;
    private final IvrReplies ivr;

    public CallResource(CallEvents events, QueueEstimates queues, Callbacks callbacks, AutomaticAnswers answers,
            CallRecordRepository calls, ContactRepository contacts, HandOffRepository handOffs,
            CallbackRepository callbackRepository, TenantContext tenants, IvrReplies ivr) {
        this.events = events;
        this.queues = queues;
        this.callbacks = callbacks;
        this.answers = answers;
        this.calls = calls;
        this.contacts = contacts;
        this.handOffs = handOffs;
        this.callbackRepository = callbackRepository;
        this.tenants = tenants;
        this.ivr = ivr;
    }

    /** A callback request from the IVR: the number to call back (the caller's own when absent). */
    @Schema(name = "CallbackRequest", example = "{\"phone\":\"13905330000\"}")
    public record CallbackRequest(@Pattern(regexp = ContactRequest.PHONE, message = "is not a phone number")
            String phone) {
    }

    /** A question asked in the IVR. */
    @Schema(name = "IvrQuestion", example = "{\"question\":\"异地就医怎么备案\"}")
    public record IvrQuestion(@NotBlank(message = "is required") @Size(max = 2000) String question) {
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Apply a call event of the telephony switch",
            description = "Idempotent by eventId (a repeat returns the call unchanged with repeatedEvent = true); "
                    + "events may arrive in any order. An ENDED event with outcome WORK_ORDER hands the call to "
                    + "routing as a work order (retried until routing takes it).")
    @APIResponse(responseCode = "200", description = "The call after the event")
    @APIResponse(responseCode = "400", description = "Malformed or future-dated event (application/problem+json)")
    public Uni<CallView> event(@Valid @NotNull(message = "a JSON body is required") CallEventRequest event) {
        return events.apply(event, tenants.tenant(), tenants.subject())
                .flatMap(applied -> view(applied.call(), false, applied.repeated()));
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "Calls of the caller's tenant, newest first, caller numbers masked")
    @WithSession
    public Uni<PageView<CallView>> list(@QueryParam("tenant") String tenant,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        String effective = tenants.effectiveTenant(tenant);
        String filter = Roles.NATIONAL.equals(effective) ? null : effective;
        return calls.page(filter, page, size).flatMap(list -> calls.countFor(filter).map(total -> new PageView<>(
                list.stream().map(c -> CallView.of(c, null, null, null, true, null)).toList(), page, size, total)));
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({ Roles.AGENT, Roles.SERVICE, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "One call's record; the caller's number in full for agents and the switch only")
    @WithSession
    public Uni<CallView> get(@PathParam("callId") String callId) {
        return calls.findById(callId).flatMap(call -> {
            if (call == null) {
                throw ProblemException.notFound("call-not-found", "No call " + callId + ".");
            }
            if (call.tenant != null) {
                Visibility.require(tenants, call.tenant, "call-not-found", "call " + callId);
            }
            boolean masked = !(tenants.hasRole(Roles.AGENT) || tenants.hasRole(Roles.SERVICE));
            return view(call, masked, null);
        });
    }

    @GET
    @Path("/{callId}/queue-position")
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "Position, calls ahead and estimated wait, for the IVR to announce",
            description = "Longest waiting first within a priority; a callback keeps the caller's place. The estimate "
                    + "uses recent handle times and the agents on duty; the queue's Erlang C figures come along.")
    @APIResponse(responseCode = "409", description = "The call is not waiting")
    public Uni<QueuePosition> position(@PathParam("callId") String callId) {
        return queues.position(callId).invoke(p -> {
            if (p.tenant() != null) {
                Visibility.require(tenants, p.tenant(), "call-not-found", "call " + callId);
            }
        });
    }

    @POST
    @Path("/{callId}/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT })
    @Operation(summary = "Call me back instead of waiting (virtual hold), or a booking outside service hours",
            description = "The callback keeps the caller's place; one per call (a repeat returns it).")
    @APIResponse(responseCode = "201", description = "Booked; Location points to the callback")
    public Uni<RestResponse<CallbackView>> callback(@PathParam("callId") String callId,
            @Valid CallbackRequest request, UriInfo uri) {
        return callbacks.request(callId, request == null ? null : request.phone(), tenants.tenant())
                .map(r -> {
                    Visibility.require(tenants, r.callback().tenant, "call-not-found", "call " + callId);
                    return RestResponse.ResponseBuilder.<CallbackView>create(RestResponse.Status.CREATED,
                                    CallbackView.of(r.callback(), false))
                            .location(uri.getBaseUriBuilder().path("/api/v1/callbacks/" + r.callback().id).build())
                            .header("Idempotent-Replayed", r.replayed() ? "true" : null)
                            .build();
                });
    }

    @POST
    @Path("/{callId}/questions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT })
    @Operation(summary = "7x24 automatic answer to a question asked in the IVR",
            description = "Below the confidence threshold, or with knowledge down, the IVR transfers to a person in "
                    + "service hours; out of hours it says the line is closed, when it opens, and offers a callback "
                    + "or a case (transferToAgent is then false).")
    public Uni<IvrReplies.IvrAnswer> question(@PathParam("callId") String callId,
            @Valid @NotNull(message = "a JSON body is required") IvrQuestion question) {
        return findCall(callId).flatMap(call -> answers.ask(question.question().trim(), call.regionCode,
                call.tenant, "PHONE", Instant.now()).map(a -> ivr.reply(call, a, Instant.now())));
    }

    private Uni<CallRecord> findCall(String callId) {
        return calls.findById(callId).map(call -> {
            if (call == null) {
                throw ProblemException.notFound("call-not-found", "No call " + callId + ".");
            }
            if (call.tenant != null) {
                Visibility.require(tenants, call.tenant, "call-not-found", "call " + callId);
            }
            return call;
        });
    }

    private Uni<CallView> view(CallRecord call, boolean masked, Boolean repeated) {
        if (call == null) {
            return Uni.createFrom().nullItem();
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> (call.contactId == null
                ? Uni.createFrom().<org.hotline.intake.domain.Contact>nullItem()
                : contacts.findById(call.contactId))
                .flatMap(contact -> (call.contactId == null
                        ? Uni.createFrom().<org.hotline.intake.domain.HandOff>nullItem()
                        : handOffs.findById(call.contactId))
                        .flatMap(h -> callbackRepository.findByCall(call.callId)
                                .map(cb -> CallView.of(call, contact, h, cb, masked, repeated)))));
    }
}
