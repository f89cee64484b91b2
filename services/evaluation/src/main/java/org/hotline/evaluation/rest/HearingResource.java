package org.hotline.evaluation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.Hearing;
import org.hotline.evaluation.domain.HearingItem;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.Hearings;

/** Hearings (听证会): agenda from disputed and supervised cases and the worst units, attendance, decisions. */
@Path("/api/v1/hearings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HearingResource {

    private final Hearings hearings;
    private final CallerScope caller;

    public HearingResource(Hearings hearings, CallerScope caller) {
        this.hearings = hearings;
        this.caller = caller;
    }

    /** An agenda item. */
    public record ItemView(UUID id, String kind, UUID caseId, UUID unitId, String summary, String outcome,
            String outcomeNote, Instant decidedAt, JsonNode followUps) {
    }

    /** A hearing with its agenda. */
    public record HearingView(UUID id, String tenant, String quarter, String title, Instant heldAt, String location,
            String status, JsonNode attendance, Instant createdAt, List<ItemView> agenda) {
    }

    private ItemView item(HearingItem i) {
        return new ItemView(i.id, i.kind, i.caseId, i.unitId, i.summary, i.outcome, i.outcomeNote, i.decidedAt,
                hearings.read(i.followUps, JsonNode.class));
    }

    private HearingView view(Hearing h, List<HearingItem> items) {
        return new HearingView(h.id, h.tenant, h.quarter, h.title, h.heldAt, h.location, h.status,
                hearings.read(h.attendance, JsonNode.class), h.createdAt,
                items == null ? null : items.stream().map(this::item).toList());
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Plan a hearing of a quarter with a generated agenda",
            description = "Disputed cases (the two verdicts disagree), supervised cases and the units with the most "
                    + "rework and supervision of the quarter; a case is on one hearing's agenda only.")
    public Uni<Response> plan(Hearings.HearingBody body, @Context UriInfo uri) {
        String tenant = caller.tenantFor(body == null ? null : body.tenant(), "tenant");
        return hearings.plan(caller.scope(), tenant, caller.subject(), body).map(d -> Response
                .created(uri.getAbsolutePathBuilder().path(d.hearing().id.toString()).build())
                .entity(view(d.hearing(), d.items())).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Hearings of your tenant, newest first")
    public Uni<List<HearingView>> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return hearings.list(caller.scope(), page, size).map(l -> l.stream().map(h -> view(h, null)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A hearing with its agenda")
    public Uni<HearingView> get(@PathParam("id") UUID id) {
        return hearings.get(caller.scope(), id).map(d -> view(d.hearing(), d.items()));
    }

    @PUT
    @Path("/{id}/attendance")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Record who attended (units and evaluators)")
    public Uni<HearingView> attendance(@PathParam("id") UUID id, Hearings.Attendance body) {
        return hearings.attendance(caller.scope(), id, body).map(h -> view(h, null));
    }

    @POST
    @Path("/{id}/items/{itemId}/decision")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Decide an agenda item (once)",
            description = "UNIT_UPHELD, COMPLAINANT_UPHELD, REWORK or SUPERVISE (case items: sent to routing through the "
                    + "durable action queue), NOTED; follow-ups with owners and due dates. Publishes "
                    + "evaluation.hearing-item.decided.")
    public Uni<ItemView> decide(@PathParam("id") UUID id, @PathParam("itemId") UUID itemId, Hearings.Decision body) {
        return hearings.decide(caller.scope(), caller.subject(), id, itemId, body).map(this::item);
    }
}
