package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.AuditCall;
import org.hotline.evaluation.domain.AuditCampaign;
import org.hotline.evaluation.domain.AuditLine;
import org.hotline.evaluation.service.AuditCampaigns;
import org.hotline.evaluation.service.CallerScope;

/** Mystery-shopper campaigns (电话暗访): lines, scenarios, scheduled test calls, scores and pass rates. */
@Path("/api/v1/audit-campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuditCampaignResource {

    private final AuditCampaigns campaigns;
    private final CallerScope caller;

    public AuditCampaignResource(AuditCampaigns campaigns, CallerScope caller) {
        this.campaigns = campaigns;
        this.caller = caller;
    }

    /** A campaign with its lines. */
    public record CampaignView(UUID id, String tenant, String name, List<String> scenarios, List<String> auditors,
            String passRule, LocalDate startsOn, LocalDate endsOn, String createdBy, Instant createdAt,
            List<AuditLine> lines) {
    }

    /** A test call. */
    public record CallView(UUID id, UUID campaignId, UUID lineId, String scenario, String auditor, Instant scheduledAt,
            Instant calledAt, String answer, Integer secondsToAnswer, Integer rings, Boolean answeredPromptly,
            Boolean businessProficient, Boolean firstResponsibility, Boolean goodAttitude, Boolean civilLanguage,
            Boolean passed, String note, Instant scoredAt, String deadNumberStatus) {

        static CallView of(AuditCall c) {
            return new CallView(c.id, c.campaignId, c.lineId, c.scenario, c.auditor, c.scheduledAt, c.calledAt,
                    c.answer, c.secondsToAnswer, c.rings, c.answeredPromptly, c.businessProficient,
                    c.firstResponsibility, c.goodAttitude, c.civilLanguage, c.passed, c.note, c.scoredAt,
                    c.deadNumberStatus);
        }
    }

    private CampaignView view(AuditCampaign c, List<AuditLine> lines) {
        return new CampaignView(c.id, c.tenant, c.name, campaigns.read(c.scenarios), campaigns.read(c.auditors),
                c.passRule, c.startsOn, c.endsOn, c.createdBy, c.createdAt, lines);
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Create a campaign", description = "Lines from knowledge's institution directory "
            + "(institutionId) or entered; pass rule ALL (default), AT_LEAST_<n> or a list of required criteria. "
            + "Idempotency-Key honoured (200 replay, 422 with another body).")
    public Uni<Response> create(@Parameter(example = "campaign-37-2026q4") @HeaderParam("Idempotency-Key") String key,
            AuditCampaigns.CampaignBody body, @Context UriInfo uri) {
        String tenant = caller.tenantFor(body == null ? null : body.tenant(), "tenant");
        return campaigns.create(caller.scope(), tenant, caller.subject(), key, body).map(r -> {
            CampaignView v = view(r.value().campaign(), r.value().lines());
            return (r.replayed() ? Response.ok(v)
                    : Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build()).entity(v)).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Campaigns of your tenant, newest first")
    public Uni<List<CampaignView>> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return campaigns.list(caller.scope(), page, size).map(l -> l.stream().map(c -> view(c, null)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A campaign with its lines")
    public Uni<CampaignView> get(@PathParam("id") UUID id) {
        return campaigns.get(caller.scope(), id).map(d -> view(d.campaign(), d.lines()));
    }

    @POST
    @Path("/{id}/calls")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Schedule a test call of a line, with a scenario and an auditor")
    public Uni<Response> schedule(@PathParam("id") UUID id, AuditCampaigns.CallBody body, @Context UriInfo uri) {
        return campaigns.schedule(caller.scope(), id, body).map(c -> Response
                .created(uri.getAbsolutePathBuilder().path(c.id.toString()).build()).entity(CallView.of(c)).build());
    }

    @GET
    @Path("/{id}/calls")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "The campaign's calls and their scores")
    public Uni<List<CallView>> calls(@PathParam("id") UUID id) {
        return campaigns.calls(caller.scope(), id).map(l -> l.stream().map(CallView::of).toList());
    }

    @PUT
    @Path("/{id}/calls/{callId}/score")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.EVALUATOR })
    @Operation(summary = "Score a test call on the five criteria",
            description = "Answered promptly is computed from the answer, seconds and rings; the four others are the "
                    + "auditor's judgement and count only when a person answered. A dead or wrong number is reported to "
                    + "knowledge (ReportDeadNumber) once per campaign and number. Scoring is final: the same score "
                    + "again answers 200, another 409. Evaluators score only the calls they are the auditor of.")
    public Uni<CallView> score(@PathParam("id") UUID id, @PathParam("callId") UUID callId,
            AuditCampaigns.ScoreBody body) {
        boolean staff = !caller.evaluatorOnly();
        return campaigns.score(caller.scope(), caller.subject(), staff, id, callId, body).map(CallView::of);
    }

    @GET
    @Path("/{id}/results")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Pass rates per campaign, unit and line")
    public Uni<AuditCampaigns.Results> results(@PathParam("id") UUID id) {
        return campaigns.results(caller.scope(), id);
    }
}
