package org.hotline.console.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/** Administration of routing: units (create, change, retire) and routing rules (create, end), on routing's API. */
@Path("/admin/routing")
public class RoutingAdminResource {

    private final CurrentStaff current;
    private final ServiceCalls calls;

    public RoutingAdminResource(CurrentStaff current, ServiceCalls calls) {
        this.current = current;
        this.calls = calls;
    }

    /** Creates a unit ({@code id} absent) or changes one (routing takes every field on a change). */
    @POST
    @Path("/units")
    public Uni<Response> unit(@FormParam("id") String id, @FormParam("name") String name,
            @FormParam("kind") String kind, @FormParam("regionCode") String regionCode,
            @FormParam("leaderName") String leaderName, @FormParam("leaderPhone") String leaderPhone,
            @FormParam("workingHours") String workingHours, @FormParam("openClaimCap") String openClaimCap,
            @FormParam("active") String active) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", AdminForms.field(name));
        body.put("kind", AdminForms.field(kind));
        body.put("regionCode", AdminForms.field(regionCode));
        body.put("leaderName", AdminForms.field(leaderName));
        body.put("leaderPhone", AdminForms.field(leaderPhone));
        body.put("workingHours", AdminForms.field(workingHours));
        body.put("openClaimCap", AdminForms.number(openClaimCap));
        body.put("active", active == null || Boolean.parseBoolean(active));
        UUID unit = AdminForms.field(id) == null ? null : UUID.fromString(id.strip());
        return AdminForms.saved(unit == null ? calls.post(staff, Service.ROUTING, "/api/v1/units", body)
                : calls.put(staff, Service.ROUTING, "/api/v1/units/" + unit, body), "units");
    }

    /** Creates a routing rule: where orders of a region and category go, and in what time limit. */
    @POST
    @Path("/rules")
    public Uni<Response> rule(@FormParam("name") String name, @FormParam("position") String position,
            @FormParam("regionCode") String regionCode, @FormParam("category") String category,
            @FormParam("subcategory") String subcategory, @FormParam("keywords") String keywords,
            @FormParam("targetUnitId") String targetUnitId, @FormParam("limitValue") String limitValue,
            @FormParam("limitUnit") String limitUnit) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", AdminForms.field(name));
        body.put("position", AdminForms.number(position));
        body.put("regionCode", AdminForms.field(regionCode));
        body.put("category", AdminForms.field(category));
        body.put("subcategory", AdminForms.field(subcategory));
        body.put("keywords", AdminForms.list(keywords));
        body.put("targetUnitId", AdminForms.field(targetUnitId));
        body.put("limitValue", AdminForms.number(limitValue));
        body.put("limitUnit", AdminForms.field(limitUnit));
        return AdminForms.saved(calls.post(staff, Service.ROUTING, "/api/v1/routing-rules", body), "rules");
    }

    /** Ends a rule today (routing keeps it: orders name the rule that decided them). */
    @POST
    @Path("/rules/{id}/end")
    public Uni<Response> endRule(@PathParam("id") UUID id) {
        Staff staff = current.require(Screen.ADMIN);
        return AdminForms.saved(calls.delete(staff, Service.ROUTING, "/api/v1/routing-rules/" + id), "rules");
    }
}
