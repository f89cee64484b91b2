package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The handler inbox (承办单位工作台): the unit's orders soonest deadline first with routing's yellow/red warnings,
 * accept, reply, pause, extension, return with reason, the claim pool and each order's history.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public InboxResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    public Uni<TemplateInstance> inbox() {
        Staff staff = current.require(Screen.INBOX);
        return lists(staff, pages.page("inbox", Screen.INBOX).data("done", null));
    }

    /** The inbox and pool as a fragment, after an action. */
    @GET
    @Path("/lists")
    public Uni<TemplateInstance> refresh() {
        Staff staff = current.require(Screen.INBOX);
        return lists(staff, pages.fragment("inbox-lists").data("done", null));
    }

    @GET
    @Path("/{id}/history")
    public Uni<TemplateInstance> history(@PathParam("id") UUID id) {
        Staff staff = current.require(Screen.INBOX);
        TemplateInstance fragment = pages.fragment("inbox-history");
        return calls.get(staff, Service.ROUTING, "/api/v1/work-orders/" + id + "/history")
                .map(h -> fragment.data("history", pages.data(h)));
    }

    @POST
    @Path("/{id}/accept")
    public Uni<TemplateInstance> accept(@PathParam("id") UUID id) {
        return act(id, "accept", Map.of(), "done_accepted");
    }

    @POST
    @Path("/{id}/claim")
    public Uni<TemplateInstance> claim(@PathParam("id") UUID id) {
        return act(id, "claim", Map.of(), "done_claimed");
    }

    @POST
    @Path("/{id}/reply")
    public Uni<TemplateInstance> reply(@PathParam("id") UUID id, @FormParam("reply") String reply) {
        return act(id, "reply", body("reply", reply), "done_replied");
    }

    @POST
    @Path("/{id}/pause")
    public Uni<TemplateInstance> pause(@PathParam("id") UUID id, @FormParam("reason") String reason) {
        return act(id, "pause", body("reason", reason), "done_paused");
    }

    @POST
    @Path("/{id}/resume")
    public Uni<TemplateInstance> resume(@PathParam("id") UUID id, @FormParam("reason") String reason) {
        return act(id, "resume", body("reason", reason), "done_resumed");
    }

    @POST
    @Path("/{id}/extension")
    public Uni<TemplateInstance> extension(@PathParam("id") UUID id, @FormParam("workingDays") Integer days,
            @FormParam("reason") String reason) {
        Map<String, Object> body = body("reason", reason);
        body.put("workingDays", days);
        return act(id, "extension-requests", body, "done_extension");
    }

    @POST
    @Path("/{id}/return")
    public Uni<TemplateInstance> giveBack(@PathParam("id") UUID id, @FormParam("reasonCode") String reasonCode,
            @FormParam("reason") String reason) {
        Map<String, Object> body = body("reason", reason);
        body.put("reasonCode", AgentDeskResource.blankToNull(reasonCode));
        return act(id, "returns", body, "done_returned");
    }

    private Uni<TemplateInstance> act(UUID id, String action, Map<String, Object> body, String done) {
        Staff staff = current.require(Screen.INBOX);
        TemplateInstance fragment = pages.fragment("inbox-lists");
        String message = pages.t().get(done);
        return calls.post(staff, Service.ROUTING, "/api/v1/work-orders/" + id + "/" + action, body)
                .flatMap(ignored -> lists(staff, fragment.data("done", message)));
    }

    private Uni<TemplateInstance> lists(Staff staff, TemplateInstance page) {
        Uni<JsonNode> orders = calls.get(staff, Service.ROUTING, "/api/v1/work-orders?size=50");
        Uni<JsonNode> pool = calls.get(staff, Service.ROUTING, "/api/v1/claim-pool?size=20")
                .onFailure().recoverWithItem(() -> null);
        return Uni.combine().all().unis(orders, pool).asTuple().map(t -> page
                .data("orders", pages.data(t.getItem1().path("items")))
                .data("total", t.getItem1().path("total").asLong())
                .data("pool", t.getItem2() == null ? null : pages.data(t.getItem2().path("items"))));
    }

    private static Map<String, Object> body(String field, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, AgentDeskResource.blankToNull(value));
        return body;
    }
}
