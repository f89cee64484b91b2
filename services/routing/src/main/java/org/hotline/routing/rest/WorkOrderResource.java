package org.hotline.routing.rest;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.routing.domain.WorkOrderHistory;
import org.hotline.routing.domain.WorkOrderReturn;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.CentreActions;
import org.hotline.routing.service.ClaimPoolService;
import org.hotline.routing.service.WorkOrderRegistration;
import org.hotline.routing.service.WorkOrderService;
import org.hotline.routing.service.WorkOrderView;

/**
 * Work orders (工单): registration by agents, the units' inbox and actions, the hotline centre's arbitration,
 * callback, rework and supervision, and the audit trail.
 */
@Path("/api/v1/work-orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkOrderResource {

    private static final String STAFF_ROLES_DOC = "handlers see their unit's orders, centre staff their tenant's";

    private final WorkOrderService service;
    private final WorkOrderRegistration registration;
    private final ClaimPoolService pool;
    private final CentreActions centre;
    private final CallerIdentity callers;

    public WorkOrderResource(WorkOrderService service, WorkOrderRegistration registration, ClaimPoolService pool,
            CentreActions centre, CallerIdentity callers) {
        this.centre = centre;
        this.service = service;
        this.registration = registration;
        this.pool = pool;
        this.callers = callers;
    }

    /** What an agent registers; the idempotency key comes from the Idempotency-Key header. */
    public record NewWorkOrderBody(String regionCode, String category, String subcategory, String title,
            String description, String priority, String channel, String citizenPhone, String citizenName,
            String address, String receivedAt, String tenant) {
    }

    /** A page of orders. */
    /** A page of orders; warnings such as next year's missing holidays (from December 1st). */
    public record Page(List<WorkOrderView> items, long total, int page, int size, List<String> warnings) {
    }

    public record RevealBody(String purpose) {
    }

    public record PoolBody(String scope, String reason) {
    }

    /** Body of actions that carry text. */
    public record ReplyBody(String reply) {
    }

    public record ReasonBody(String reason) {
    }

    public record ResumeBody(String reason, String materialReceivedAt) {
    }

    public record ReturnBody(String reasonCode, String reason) {
    }

    public record ArbitrationBody(String decision, UUID targetUnitId, String note) {
    }

    public record ReassignBody(UUID targetUnitId, String reason) {
    }

    public record CallbackBody(Boolean satisfied, String note) {
    }

    public record ReopenBody(String reason, String source) {
    }

    public record ExtensionBody(Integer workingDays, String reason) {
    }

    public record ExtensionDecisionBody(Boolean approved, String note) {
    }

    @POST
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "Register and route a work order (接派一体化)",
            description = "Honours Idempotency-Key: the same key returns the first order (200) instead of a new one "
                    + "(201). E.g. {\"regionCode\":\"370300\",\"category\":\"ONLINE_PRE_REVIEW\",\"subcategory\":\"跨省就医备案\","
                    + "\"title\":\"异地就医备案未通过\",\"description\":\"…\",\"citizenPhone\":\"13905330000\",\"channel\":\"PHONE\"}")
    public Uni<Response> create(
            @Parameter(example = "c0a8012e-7f1b-4c1e-9a51-3c3f0f3f1a11") @HeaderParam("Idempotency-Key") String key,
            NewWorkOrderBody body) {
        if (body == null) {
            throw ProblemException.badRequest("body-missing", "Send the work order as a JSON body.");
        }
        String idempotencyKey = key == null || key.isBlank() ? UUID.randomUUID().toString() : key;
        return registration.create(callers.current(), new WorkOrderRegistration.NewWorkOrder(idempotencyKey, body.tenant(),
                        body.regionCode(), body.category(), body.subcategory(), body.title(), body.description(),
                        body.priority(), body.channel(), body.citizenPhone(), body.citizenName(), body.address(),
                        body.receivedAt()), true)
                .map(v -> v.created()
                        ? Response.created(URI.create("/api/v1/work-orders/" + v.id())).entity(v).build()
                        : Response.ok(v).header("Location", "/api/v1/work-orders/" + v.id()).build());
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "List work orders, soonest deadline first", description = STAFF_ROLES_DOC
            + ", the national operator all (?tenant= to narrow).")
    public Uni<Page> list(@QueryParam("tenant") String tenant, @QueryParam("unitId") UUID unitId,
            @Parameter(example = "ACCEPTED") @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return service.list(callers.current(), tenant, unitId, status, page, size)
                .map(p -> new Page(p.items(), p.total(), p.page(), p.size(), p.warnings()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "One work order (404 when it is not visible to the caller)")
    @Audited(resource = "work-order", action = AuditAction.READ)
    public Uni<WorkOrderView> get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id);
    }

    @POST
    @Path("/{id}/citizen-phone")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.HANDLER })
    @Operation(summary = "Reveal the citizen's number to call them (回访, the handling unit); recorded in the audit trail",
            description = "Agents and tenant admins of the order's tenant, handlers of the unit handling it. Lists and "
                    + "the order itself show only citizenPhoneMasked. E.g. {\"purpose\":\"回访\"}")
    @Audited(resource = "work-order", action = AuditAction.READ)
    public Uni<CentreActions.CitizenPhone> revealPhone(@PathParam("id") UUID id, RevealBody body) {
        return centre.revealPhone(callers.current(), id, body == null ? null : body.purpose());
    }

    @POST
    @Path("/{id}/pool")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "The centre moves an open order into the claim pool (抢单), CITY (default) or PROVINCE",
            description = "E.g. {\"scope\":\"CITY\",\"reason\":\"单位人手不足\"}; the deadline keeps running.")
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    public Uni<WorkOrderView> moveToPool(@PathParam("id") UUID id, PoolBody body) {
        return centre.moveToPool(callers.current(), id, body == null ? null : body.scope(), body == null ? null : body.reason());
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "The append-only audit trail (可回溯): every transition with who, when and why")
    public Uni<List<WorkOrderHistory>> history(@PathParam("id") UUID id) {
        return service.history(callers.current(), id);
    }

    @GET
    @Path("/{id}/returns")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER, Roles.HANDLER })
    @Operation(summary = "Returns (退单) of the order and their arbitration")
    public Uni<List<WorkOrderReturn>> returns(@PathParam("id") UUID id) {
        return service.returnsOf(callers.current(), id);
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "The unit signs for the order (签收)")
    public Uni<WorkOrderView> accept(@PathParam("id") UUID id) {
        return service.accept(callers.current(), id);
    }

    @POST
    @Path("/{id}/claim")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "Claim a pooled order for the handler's unit (抢单)",
            description = "Exactly one concurrent claim wins; the others get 409 already-claimed. The claim is a lease: "
                    + "accept before claimExpiresAt or the order goes back to the pool.")
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    public Uni<WorkOrderView> claim(@PathParam("id") UUID id) {
        return pool.claim(callers.current(), id);
    }

    @POST
    @Path("/{id}/reply")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "The unit's reply (办结)")
    public Uni<WorkOrderView> reply(@PathParam("id") UUID id, ReplyBody body) {
        return service.reply(callers.current(), id, body == null ? null : body.reply());
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "Pause the clock while the citizen supplies material (补充材料)")
    public Uni<WorkOrderView> pause(@PathParam("id") UUID id, ReasonBody body) {
        return service.pause(callers.current(), id, body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed({ Roles.HANDLER, Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "Restart the clock with the working time left when it paused",
            description = "materialReceivedAt (optional, not before the pause) restarts it from when the material arrived.")
    public Uni<WorkOrderView> resume(@PathParam("id") UUID id, ResumeBody body) {
        return service.resume(callers.current(), id, body == null ? null : body.reason(),
                body == null ? null : body.materialReceivedAt());
    }

    @POST
    @Path("/{id}/extension-requests")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "Ask the hotline centre for more working days (延期)")
    public Uni<WorkOrderView> requestExtension(@PathParam("id") UUID id, ExtensionBody body) {
        return service.requestExtension(callers.current(), id, body == null ? null : body.workingDays(),
                body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/extension-decision")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "The hotline centre approves or refuses the pending extension")
    public Uni<WorkOrderView> decideExtension(@PathParam("id") UUID id, ExtensionDecisionBody body) {
        if (body == null || body.approved() == null) {
            throw ProblemException.invalidField("approved", "is required: true or false");
        }
        return service.decideExtension(callers.current(), id, body.approved(), body.note());
    }

    @POST
    @Path("/{id}/returns")
    @RolesAllowed(Roles.HANDLER)
    @Operation(summary = "Ask to return the order (退单) with a reason code; the hotline centre arbitrates",
            description = "409 return-budget-exhausted once the order's return budget (default 2) is used.")
    public Uni<Response> requestReturn(@PathParam("id") UUID id, ReturnBody body) {
        return service.requestReturn(callers.current(), id, body == null ? null : body.reasonCode(),
                        body == null ? null : body.reason())
                .map(r -> Response.created(URI.create("/api/v1/work-orders/" + id + "/returns/" + r.id)).entity(r).build());
    }

    @POST
    @Path("/{id}/returns/{returnId}/arbitration")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "Arbitrate a return: APPROVED (to targetUnitId, counts against nobody) or REFUSED "
            + "(stays with the unit, counts against it)")
    public Uni<WorkOrderView> arbitrate(@PathParam("id") UUID id, @PathParam("returnId") UUID returnId,
            ArbitrationBody body) {
        if (body == null) {
            throw ProblemException.invalidField("decision", "is required: APPROVED or REFUSED");
        }
        return service.arbitrate(callers.current(), id, returnId, body.decision(), body.targetUnitId(), body.note());
    }

    @POST
    @Path("/{id}/reassign")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "The hotline centre sends an open order to another unit")
    public Uni<WorkOrderView> reassign(@PathParam("id") UUID id, ReassignBody body) {
        return service.reassign(callers.current(), id, body == null ? null : body.targetUnitId(),
                body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/callback")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "Record the callback (回访); unsatisfied reopens the order for rework")
    public Uni<WorkOrderView> callback(@PathParam("id") UUID id, CallbackBody body) {
        return service.callback(callers.current(), id, body == null ? null : body.satisfied(),
                body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN })
    @Operation(summary = "Close a called-back order (or a replied one with a reason)")
    public Uni<WorkOrderView> close(@PathParam("id") UUID id, ReasonBody body) {
        return service.close(callers.current(), id, body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.SERVICE, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Return a replied or closed order to its unit for rework (退回重办)",
            description = "The second reopen makes it supervised.")
    public Uni<WorkOrderView> reopen(@PathParam("id") UUID id, ReopenBody body) {
        return service.reopen(callers.current(), id, body == null ? null : body.reason(),
                body == null ? null : body.source());
    }

    @POST
    @Path("/{id}/supervise")
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.LEADER, Roles.SERVICE, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Make the order a supervised case (督办件): shorter limit, the unit's leader is notified")
    public Uni<WorkOrderView> supervise(@PathParam("id") UUID id, ReasonBody body) {
        return service.supervise(callers.current(), id, body == null ? null : body.reason());
    }
}
