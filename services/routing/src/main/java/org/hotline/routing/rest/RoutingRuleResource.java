package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.routing.domain.RoutingRule;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.RoutingRuleService;

/** Routing rules of a tenant, edited by its tenant admin. */
@Path("/api/v1/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingRuleResource {

    private final RoutingRuleService service;
    private final CallerIdentity callers;

    public RoutingRuleResource(RoutingRuleService service, CallerIdentity callers) {
        this.service = service;
        this.callers = callers;
    }

    /** A rule as the API shows it. */
    public record RuleView(UUID id, String tenant, String name, int position, String regionCode, String category,
            String subcategory, List<String> keywords, String priority, UUID targetUnitId, String poolScope,
            int limitValue, String limitUnit, int acceptLimitHours, boolean isDefault, LocalDate effectiveFrom,
            LocalDate effectiveTo, String createdBy) {

        static RuleView of(RoutingRule r) {
            return new RuleView(r.id, r.tenant, r.name, r.position, r.regionCode,
                    r.category == null ? null : r.category.name(), r.subcategory, r.keywordList(),
                    r.priority == null ? null : r.priority.name(), r.targetUnitId,
                    r.poolScope == null ? null : r.poolScope.name(), r.limitValue, r.limitUnit.name(),
                    r.acceptLimitHours, r.isDefault, r.effectiveFrom, r.effectiveTo, r.createdBy);
        }
    }

    /** A page of rules. */
    public record RulePage(List<RuleView> items, long total, int page, int size) {
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Create a routing rule",
            description = "Rules are tried by position (lowest first), the default rule last. E.g. {\"name\":\"淄博 跨省就医\","
                    + "\"position\":10,\"regionCode\":\"370300\",\"category\":\"ONLINE_PRE_REVIEW\",\"keywords\":[\"异地\",\"备案\"],"
                    + "\"targetUnitId\":\"…\",\"limitValue\":3,\"limitUnit\":\"WORKING_DAYS\"}; or \"poolScope\":\"CITY\" "
                    + "for the claim pool. A new default rule ends the previous default.")
    public Uni<Response> create(RoutingRuleService.RuleInput body) {
        return service.create(callers.current(), require(body))
                .map(r -> Response.created(URI.create("/api/v1/routing-rules/" + r.id)).entity(RuleView.of(r)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Change a rule (all fields)")
    public Uni<RuleView> update(@PathParam("id") UUID id, RoutingRuleService.RuleInput body) {
        return service.update(callers.current(), id, require(body)).map(RuleView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "End a rule today; it is kept because orders name the rule that decided them")
    public Uni<RuleView> end(@PathParam("id") UUID id) {
        return service.end(callers.current(), id).map(RuleView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER })
    @Operation(summary = "One rule")
    public Uni<RuleView> get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id).map(RuleView::of);
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER })
    @Operation(summary = "Rules of the caller's tenant in evaluation order")
    public Uni<RulePage> list(@QueryParam("tenant") String tenant, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return service.list(callers.current(), tenant, page, size).map(p -> new RulePage(
                p.items().stream().map(RuleView::of).toList(), p.total(), p.page(), p.size()));
    }

    private static RoutingRuleService.RuleInput require(RoutingRuleService.RuleInput body) {
        if (body == null) {
            throw ProblemException.badRequest("body-missing", "Send the rule as a JSON body.");
        }
        return body;
    }
}
