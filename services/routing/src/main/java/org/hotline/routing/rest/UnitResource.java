package org.hotline.routing.rest;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.UnitService;

/** Units (承办单位) of a tenant; tenant admins edit them. */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {

    private final UnitService service;
    private final CallerIdentity callers;

    public UnitResource(UnitService service, CallerIdentity callers) {
        this.service = service;
        this.callers = callers;
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Create a unit",
            description = "E.g. {\"name\":\"淄博市医保中心异地科\",\"kind\":\"DEPARTMENT\",\"regionCode\":\"370300\","
                    + "\"leaderName\":\"王科长\",\"leaderPhone\":\"0533-3120001\",\"openClaimCap\":5}")
    public Uni<Response> create(UnitService.UnitInput body) {
        return service.create(callers.current(), require(body))
                .map(u -> Response.created(URI.create("/api/v1/units/" + u.id)).entity(u).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Change a unit (all fields; active=false retires it)")
    public Uni<Unit> update(@PathParam("id") UUID id, UnitService.UnitInput body) {
        return service.update(callers.current(), id, require(body));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "One unit")
    public Uni<Unit> get(@PathParam("id") UUID id) {
        return service.get(callers.current(), id);
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "Units of the caller's tenant (national: ?tenant= or all), by name")
    public Uni<UnitService.UnitPage> list(@QueryParam("tenant") String tenant,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return service.list(callers.current(), tenant, page, size);
    }

    private static UnitService.UnitInput require(UnitService.UnitInput body) {
        if (body == null) {
            throw ProblemException.badRequest("body-missing", "Send the unit as a JSON body.");
        }
        return body;
    }
}
