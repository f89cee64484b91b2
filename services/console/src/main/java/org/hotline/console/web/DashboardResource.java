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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.client.ServiceRefusal;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The leaders' dashboard (领导驾驶舱): complaint lights with acknowledgement, KPI trends and rankings (appraisal's SVG
 * charts), the scorecard, hotspots, staffing gaps per half-hour and the fact counts, for the leader's province; the
 * national operator compares provinces or looks at one ({@code ?tenant=}). Each table has a CSV export
 * ({@link DashboardExports}).
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;
    private final DashboardQueries queries;

    public DashboardResource(CurrentStaff current, Pages pages, ServiceCalls calls, DashboardQueries queries) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
        this.queries = queries;
    }

    @GET
    public Uni<TemplateInstance> dashboard(@QueryParam("tenant") String tenant, @QueryParam("queue") String queue) {
        Staff staff = current.require(Screen.DASHBOARD);
        String province = DashboardQueries.province(staff, tenant);
        String q = queue != null && queue.matches("\\d{6}") ? queue : null;
        TemplateInstance page = pages.page("dashboard", Screen.DASHBOARD).data("tenant", province)
                .data("queue", q).data("national", DashboardQueries.comparesProvinces(staff, tenant))
                .data("tq", province == null ? "" : "&tenant=" + province)
                .data("range", DashboardQueries.range()).data("today", java.time.LocalDate.now(DashboardQueries.ZONE))
                .data("days", DashboardQueries.DAYS).data("acknowledged", null);
        return Uni.combine().all().unis(optional(queries.lights(staff, tenant)),
                        optional(queries.scorecard(staff, tenant)), optional(queries.staffing(staff, tenant, q)),
                        optional(queries.hotspots(staff, tenant)), optional(queries.counts(staff, tenant)),
                        queries.unitNames(staff, tenant))
                .asTuple().map(t -> page.data("lights", pages.data(t.getItem1())).data("unitNames", t.getItem6())
                        .data("scorecard", t.getItem2() == null ? null : pages.data(t.getItem2().path("rows")))
                        .data("intervals", t.getItem3() == null ? null : pages.data(t.getItem3().path("intervals")))
                        .data("hotspots", pages.data(DashboardQueries.items(t.getItem4())))
                        .data("counts", pages.data(DashboardQueries.items(t.getItem5()))));
    }

    /** A leader acknowledges a light (appraisal keeps the first acknowledgement; it stops the escalation). */
    @POST
    @Path("/lights/{id}/acknowledgement")
    public Uni<TemplateInstance> acknowledge(@PathParam("id") UUID id, @FormParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        return calls.post(staff, Service.APPRAISAL, "/api/v1/lights/" + id + "/acknowledgement", null)
                .chain(ack -> Uni.combine().all().unis(queries.lights(staff, tenant), queries.unitNames(staff, tenant))
                        .asTuple().map(t -> pages.fragment("dashboard-lights").data("lights", pages.data(t.getItem1()))
                                .data("unitNames", t.getItem2()).data("acknowledged", pages.data(ack))
                                .data("tenant", DashboardQueries.province(staff, tenant))));
    }

    /**
     * A leader acknowledges a hotspot alert ({@code id}: the item's {@code alert.id}); the row is drawn again from
     * appraisal's list, so it shows who acknowledged it and when. A refusal (another province's alert: 404) is shown
     * above the table instead of replacing the row.
     */
    @POST
    @Path("/hotspots/{id}/acknowledgement")
    public Uni<Response> acknowledgeHotspot(@PathParam("id") UUID id, @FormParam("tenant") String tenant) {
        Staff staff = current.require(Screen.DASHBOARD);
        if (!staff.acknowledgesAlerts()) {
            throw new CurrentStaff.ScreenForbidden(staff, Screen.DASHBOARD);
        }
        return calls.post(staff, Service.APPRAISAL, "/api/v1/hotspots/" + id + "/acknowledgement", null)
                .chain(ack -> queries.hotspots(staff, tenant).onFailure().recoverWithNull()
                        .map(list -> queries.hotspotOfAlert(list, ack)))
                .map(h -> Response.ok(pages.fragment("dashboard-hotspot").data("h", pages.data(h))
                        .data("tenant", DashboardQueries.province(staff, tenant)).render(), MediaType.TEXT_HTML_TYPE
                        .withCharset("UTF-8")).build())
                .onFailure(ServiceRefusal.class).recoverWithItem(e -> {
                    ServiceRefusal r = (ServiceRefusal) e;
                    // htmx swaps 4xx answers too (layout's responseHandling): into the section's message, not the row.
                    return Response.status(r.status() >= 400 && r.status() < 500 ? r.status() : 502)
                            .header("HX-Retarget", "#hotspots-message").header("HX-Reswap", "innerHTML")
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                            .entity(pages.fragment("alert").data("message", r.detail()).render()).build();
                });
    }

    /** Agents needed for a half-hour's load (appraisal's Erlang C, or Erlang A with the callers' patience). */
    @GET
    @Path("/staffing")
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

    /** A section the service could not fill shows "unavailable" instead of failing the whole screen. */
    private static Uni<JsonNode> optional(Uni<JsonNode> call) {
        return call.onFailure().recoverWithItem(e -> {
            io.quarkus.logging.Log.warnf("console: a dashboard section is unavailable: %s", e.toString());
            return null;
        });
    }
}
