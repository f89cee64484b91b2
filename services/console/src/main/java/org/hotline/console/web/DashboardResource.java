package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The leaders' dashboard (领导驾驶舱): appraisal's figures for the leader's province, or every province for the
 * national operator, with CSV export of each table. Shows what appraisal serves today (docs/console.md).
 */
@Path("/dashboard")
public class DashboardResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public DashboardResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> dashboard(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        TemplateInstance page = pages.page("dashboard", Screen.DASHBOARD).data("tenant", tenant);
        return counts(staff, tenant).map(c -> page.data("counts", pages.data(c.path("items"))))
                .onFailure().recoverWithItem(() -> page.data("counts", null));
    }

    /** Agents needed for a half-hour's load (appraisal's Erlang C, or Erlang A with the callers' patience). */
    @GET
    @Path("/staffing")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> staffing(@QueryParam("calls") String load,
            @QueryParam("handleSeconds") String handleSeconds, @QueryParam("patienceSeconds") String patience) {
        Staff staff = current.require(Screen.DASHBOARD);
        TemplateInstance fragment = pages.fragment("dashboard-staffing");
        String query = "intervalMinutes=30&calls=" + AgentDeskResource.enc(load == null ? "" : load)
                + "&handleSeconds=" + AgentDeskResource.enc(handleSeconds == null ? "" : handleSeconds)
                + (AgentDeskResource.blank(patience) ? "" : "&patienceSeconds=" + AgentDeskResource.enc(patience));
        return calls.get(staff, Service.APPRAISAL, "/api/v1/staffing/erlang?" + query)
                .map(e -> fragment.data("erlang", pages.data(e)));
    }

    /** The KPI counts as CSV (UTF-8 with BOM so that spreadsheet programs read the Chinese). */
    @GET
    @Path("/kpi-counts.csv")
    @Produces("text/csv")
    public Uni<Response> countsCsv(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return counts(staff, tenant).map(c -> {
            StringBuilder csv = new StringBuilder("\uFEFFtenant,type,verdict,events,scoreSum\r\n");
            for (JsonNode row : c.path("items")) {
                csv.append(String.join(",", List.of(cell(row, "tenant"), cell(row, "type"), cell(row, "verdict"),
                        cell(row, "events"), cell(row, "scoreSum")))).append("\r\n");
            }
            return Response.ok(csv.toString()).type("text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"kpi-counts.csv\"").build();
        });
    }

    private Uni<JsonNode> counts(Staff staff, String tenant) {
        String query = staff.national() && tenant != null && tenant.matches("\\d{2}") ? "&tenant=" + tenant : "";
        return calls.get(staff, Service.APPRAISAL, "/api/v1/kpi-counts?size=500" + query);
    }

    /** One CSV cell, quoted when it holds a comma, quote or line break. */
    static String cell(JsonNode row, String field) {
        String v = row.path(field).isMissingNode() || row.path(field).isNull() ? "" : row.path(field).asText();
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
