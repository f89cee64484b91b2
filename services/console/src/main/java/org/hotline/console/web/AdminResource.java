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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * Administration, simply: units, routing rules, the working calendar, knowledge articles (publish, archive) and the
 * institution directory of the administrator's province, each as the owning service lists it.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public AdminResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    public Uni<TemplateInstance> admin() {
        Staff staff = current.require(Screen.ADMIN);
        TemplateInstance page = pages.page("admin", Screen.ADMIN);
        String tenant = staff.national() ? "*" : staff.tenant();
        int year = LocalDate.now().getYear();
        Uni<JsonNode> units = optional(calls.get(staff, Service.ROUTING, "/api/v1/units?size=100"));
        Uni<JsonNode> rules = optional(calls.get(staff, Service.ROUTING, "/api/v1/routing-rules?size=100"));
        Uni<JsonNode> days = optional(calls.get(staff, Service.ROUTING, "/api/v1/calendars/" + AgentDeskResource.enc(tenant)
                + "/days?year=" + year));
        Uni<JsonNode> articles = optional(calls.get(staff, Service.KNOWLEDGE, "/api/v1/articles?size=20"));
        Uni<JsonNode> institutions = optional(calls.get(staff, Service.KNOWLEDGE, "/api/v1/institutions?size=50"));
        return Uni.combine().all().unis(units, rules, days, articles, institutions).asTuple().map(t -> page
                .data("units", items(t.getItem1())).data("rules", items(t.getItem2()))
                .data("days", items(t.getItem3())).data("articles", items(t.getItem4()))
                .data("institutions", items(t.getItem5())));
    }

    /** Publishes or archives a knowledge article. */
    @POST
    @Path("/articles/{id}/{action:publish|archive|submit}")
    public Uni<TemplateInstance> article(@PathParam("id") UUID id, @PathParam("action") String action) {
        Staff staff = current.require(Screen.ADMIN);
        TemplateInstance fragment = pages.fragment("alert-ok");
        return calls.post(staff, Service.KNOWLEDGE, "/api/v1/articles/" + id + "/" + action, Map.of())
                .map(a -> fragment.data("message", a.path("title").asText() + " · " + a.path("status").asText()));
    }

    /** Marks a day of the province's calendar as a holiday or an adjusted working day (调休). */
    @POST
    @Path("/calendar")
    public Uni<TemplateInstance> day(@FormParam("day") String day, @FormParam("working") boolean working,
            @FormParam("note") String note) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("working", working);
        body.put("name", AgentDeskResource.blankToNull(note));
        TemplateInstance fragment = pages.fragment("alert-ok");
        String tenant = staff.national() ? "*" : staff.tenant();
        return calls.put(staff, Service.ROUTING, "/api/v1/calendars/" + AgentDeskResource.enc(tenant) + "/days/"
                + AgentDeskResource.enc(day == null ? "" : day), body)
                .map(d -> fragment.data("message", day + " ✓"));
    }

    private Object items(JsonNode page) {
        if (page == null) {
            return null;
        }
        return pages.data(page.isArray() ? page : page.path("items"));
    }

    private static Uni<JsonNode> optional(Uni<JsonNode> call) {
        return call.onFailure().recoverWithItem(() -> null);
    }
}
