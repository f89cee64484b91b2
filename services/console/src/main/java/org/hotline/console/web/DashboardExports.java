package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The dashboard's downloads: each table as CSV (UTF-8 with BOM so that spreadsheet programs read the Chinese) and
 * appraisal's SVG charts, fetched with the leader's token and passed on to the page's {@code <img>}.
 */
@Path("/dashboard/export")
public class DashboardExports {

    private static final String CSV = "text/csv; charset=UTF-8";

    private final CurrentStaff current;
    private final ServiceCalls calls;
    private final DashboardQueries queries;

    public DashboardExports(CurrentStaff current, ServiceCalls calls, DashboardQueries queries) {
        this.current = current;
        this.calls = calls;
        this.queries = queries;
    }

    /** One of appraisal's charts (call-trend, scorecard, lights, staffing) for the province of the user. */
    @GET
    @Path("/charts/{chart:call-trend|scorecard|lights|staffing}.svg")
    public Uni<Response> chart(@PathParam("chart") String chart, @QueryParam("tenant") String tenant,
            @QueryParam("figure") String figure, @QueryParam("queue") String queue) {
        Staff staff = current.require(Screen.DASHBOARD);
        String q = switch (chart) {
            case "call-trend" -> DashboardQueries.range() + "&period=DAY&figure="
                    + (figure != null && figure.matches("[A-Za-z]{1,40}") ? figure : "serviceLevel");
            case "scorecard" -> DashboardQueries.range() + "&by="
                    + (DashboardQueries.comparesProvinces(staff, tenant) ? "TENANT" : "UNIT");
            case "staffing" -> "day=" + java.time.LocalDate.now(DashboardQueries.ZONE)
                    + (queue != null && queue.matches("\\d{6}") ? "&queue=" + queue : "");
            default -> "x=1";
        };
        return calls.text(staff, Service.APPRAISAL, "/api/v1/charts/" + chart + ".svg?" + q
                + DashboardQueries.tenantQuery(staff, tenant), "image/svg+xml")
                // An image, never a document: no script of it may run even if opened on its own.
                .map(svg -> Response.ok(svg, "image/svg+xml; charset=UTF-8")
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                        .header("Cache-Control", "private, max-age=60").build());
    }

    @GET
    @Path("/kpi-counts.csv")
    public Uni<Response> counts(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return queries.counts(staff, tenant).map(c -> csv("kpi-counts.csv", DashboardQueries.items(c),
                List.of("tenant", "type", "verdict", "events", "scoreSum")));
    }

    @GET
    @Path("/lights.csv")
    public Uni<Response> lights(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return queries.lights(staff, tenant).map(l -> csv("lights.csv", l, List.of("tenant", "scope", "scopeKey",
                "level", "count", "threshold", "openedAt", "acknowledgedAt", "acknowledgedBy", "escalatedAt")));
    }

    @GET
    @Path("/scorecard.csv")
    public Uni<Response> scorecard(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return queries.scorecard(staff, tenant).map(s -> csv("scorecard.csv", s.path("rows"), List.of("rank", "key",
                "composite", "grade", "onTimeRate", "resolutionRate", "attitude", "answerRate", "serviceLevel")));
    }

    @GET
    @Path("/staffing.csv")
    public Uni<Response> staffing(@QueryParam("tenant") String tenant, @QueryParam("queue") String queue) {
        Staff staff = current.require(Screen.DASHBOARD);
        return queries.staffing(staff, tenant, queue).map(s -> csv("staffing.csv", s.path("intervals"),
                List.of("start", "calls", "averageHandleSeconds", "patienceSeconds", "agentsErlangC", "agentsErlangA",
                        "scheduledAgents", "agentsOnDuty", "occupancy", "understaffed")));
    }

    @GET
    @Path("/hotspots.csv")
    public Uni<Response> hotspots(@QueryParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return queries.hotspots(staff, tenant).map(h -> csv("hotspots.csv", withAlertColumns(DashboardQueries.items(h)),
                List.of("kind", "label", "tenant", "regionCode", "count", "windowStart", "windowEnd", "status",
                        "workOrderIds", "alertId", "alertedAt", "acknowledgedAt", "acknowledgedBy")));
    }

    /** Hotspot items with their alert's fields beside the others (empty cells for a hotspot never alerted). */
    private static JsonNode withAlertColumns(JsonNode items) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : items) {
            ObjectNode row = item.deepCopy();
            JsonNode alert = item.path("alert");
            row.set("alertId", alert.path("id"));
            for (String f : List.of("alertedAt", "acknowledgedAt", "acknowledgedBy")) {
                row.set(f, alert.path(f));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Response csv(String file, JsonNode rows, List<String> columns) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(",", columns)).append("\r\n");
        for (JsonNode row : rows) {
            csv.append(String.join(",", columns.stream().map(c -> cell(row, c)).toList())).append("\r\n");
        }
        return Response.ok(csv.toString()).type(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /**
     * One CSV cell: quoted when it holds a comma, quote or line break; a list joined by spaces; a cell starting with
     * =, +, - or @ gets a leading apostrophe so that a spreadsheet does not run it as a formula.
     */
    static String cell(JsonNode row, String field) {
        JsonNode n = row.path(field);
        String v;
        if (n.isMissingNode() || n.isNull()) {
            v = "";
        } else if (n.isArray()) {
            StringBuilder joined = new StringBuilder();
            n.forEach(e -> joined.append(joined.isEmpty() ? "" : " ").append(e.asText()));
            v = joined.toString();
        } else {
            v = n.asText();
        }
        if (!v.isEmpty() && "=+@".indexOf(v.charAt(0)) >= 0 || v.startsWith("-") && !v.matches("-[\\d.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
