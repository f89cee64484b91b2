package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The administration page: units, routing rules, the working calendar (holidays and 调休), service hours (in brief;
 * changed on {@link ServiceHoursAdminResource}'s page), knowledge articles, the institution directory, evaluators and
 * test-call campaigns of the administrator's province, each as the owning service lists it, with the forms that
 * change them ({@link RoutingAdminResource}, {@link KnowledgeAdminResource}, {@link EvaluationAdminResource}); the
 * calendar's days are changed here.
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
    public Uni<TemplateInstance> admin(@QueryParam("saved") String saved) {
        Staff staff = current.require(Screen.ADMIN);
        TemplateInstance page = pages.page("admin", Screen.ADMIN)
                .data("saved", saved != null && saved.matches("[a-z]{1,20}") ? saved : null)
                .data("unitKinds", List.of("HOTLINE_CENTER", "PROVINCE_AGENCY", "CITY_AGENCY", "COUNTY_OFFICE",
                        "DEPARTMENT"))
                .data("categories", List.of("POLICY", "DATA_LOOKUP", "PRE_REVIEW", "FEEDBACK", "OPINION"))
                .data("limitUnits", List.of("WORKING_DAYS", "WORKING_HOURS"))
                .data("evaluatorStatuses", List.of("ACTIVE", "PAUSED", "RETIRED"))
                .data("institutionTypes", List.of("AGENCY", "SERVICE_WINDOW", "HOSPITAL", "PHARMACY"))
                .data("regionDefault", staff.national() ? "" : staff.tenant() + "0000");
        String tenant = staff.national() ? "*" : staff.tenant();
        int year = LocalDate.now().getYear();
        Uni<JsonNode> units = optional(calls.get(staff, Service.ROUTING, "/api/v1/units?size=100"));
        Uni<JsonNode> rules = optional(calls.get(staff, Service.ROUTING, "/api/v1/routing-rules?size=100"));
        Uni<JsonNode> days = optional(calls.get(staff, Service.ROUTING, "/api/v1/calendars/" + AgentDeskResource.enc(tenant)
                + "/days?year=" + year));
        Uni<JsonNode> articles = optional(calls.get(staff, Service.KNOWLEDGE, "/api/v1/articles?size=20"));
        Uni<JsonNode> institutions = optional(calls.get(staff, Service.KNOWLEDGE, "/api/v1/institutions?size=50"));
        Uni<JsonNode> evaluators = optional(calls.get(staff, Service.EVALUATION, "/api/v1/evaluators?size=100"));
        Uni<JsonNode> campaigns = optional(calls.get(staff, Service.EVALUATION, "/api/v1/audit-campaigns?size=20"));
        // The province's service hours in brief (the operator picks a province on the service-hours page).
        Uni<JsonNode> hours = staff.national() ? Uni.createFrom().<JsonNode>nullItem()
                : optional(calls.get(staff, Service.INTAKE, "/api/v1/service-hours"));
        return Uni.combine().all().unis(units, rules, days, articles, institutions, evaluators, campaigns, hours)
                .asTuple()
                .map(t -> page.data("units", items(t.getItem1())).data("rules", items(t.getItem2()))
                        .data("days", items(t.getItem3())).data("articles", items(t.getItem4()))
                        .data("institutions", items(t.getItem5())).data("evaluators", items(t.getItem6()))
                        .data("campaigns", items(t.getItem7())).data("hours", pages.data(t.getItem8())));
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
