package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.repository.KpiQueries;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.KpiService;
import org.hotline.appraisal.service.LightService;
import org.hotline.appraisal.service.Scorecards;
import org.hotline.appraisal.service.StaffingService;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** Charts for the console as SVG (image/svg+xml): KPI trends, scorecard rankings, open lights, staffing needs. */
@Path("/api/v1/charts")
@Produces("image/svg+xml")
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class ChartResource {

    private static final Set<String> CALL_FIGURES = Set.of("answerRate", "serviceLevel", "abandonmentRate",
            "averageSpeedOfAnswerSeconds", "offered");

    private final KpiService kpis;
    private final Scorecards scorecards;
    private final LightService lights;
    private final StaffingService staffing;
    private final AccessScope scope;

    public ChartResource(KpiService kpis, Scorecards scorecards, LightService lights, StaffingService staffing,
            AccessScope scope) {
        this.kpis = kpis;
        this.scorecards = scorecards;
        this.lights = lights;
        this.staffing = staffing;
        this.scope = scope;
    }

    @GET
    @Path("/call-trend.svg")
    @Operation(summary = "A call KPI over time (figure: answerRate, serviceLevel, abandonmentRate, "
            + "averageSpeedOfAnswerSeconds, offered)")
    public Uni<String> callTrend(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("period") String period, @QueryParam("figure") String figure) {
        String t = scope.readScope(tenant);
        Period p = KpiParams.period(period);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, p);
        String fig = figure == null ? "serviceLevel" : figure;
        if (!CALL_FIGURES.contains(fig)) {
            throw ProblemException.invalidField("figure", "figure is one of " + new java.util.TreeSet<>(CALL_FIGURES) + ".");
        }
        return kpis.calls(t, f, u, p, "TENANT", null).map(figures -> SvgChart.line(fig + " (" + p + ")", fig,
                figures.rows().stream().map(r -> new SvgChart.Point(r.periodStart() + (t == null ? " " + r.key() : ""),
                        value(r, fig))).toList()));
    }

    @GET
    @Path("/scorecard.svg")
    @Operation(summary = "Ranking of the composite score per unit, region or tenant")
    public Uni<String> ranking(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("by") String by) {
        String t = scope.readScope(tenant);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, Period.ALL);
        String d = KpiParams.dimension(by, Set.of("UNIT", "REGION", "TENANT"), "UNIT");
        return scorecards.compute(t, f, u, d, Instant.now(), null).map(card -> SvgChart.bars("Composite score by " + d,
                "%", card.rows().stream().limit(30).map(r -> new SvgChart.Point("#" + r.rank() + " " + r.key(),
                        r.composite())).toList(), null));
    }

    @GET
    @Path("/lights.svg")
    @Operation(summary = "Open lights: complaint count against threshold, coloured yellow or red")
    public Uni<String> lights(@QueryParam("tenant") String tenant) {
        return lights.list(scope.readScope(tenant), false).map(list -> SvgChart.bars("Open complaint lights",
                "complaints", list.stream().limit(30).map(l -> new SvgChart.Point(l.scope + " " + l.scopeKey,
                        (double) l.count)).toList(),
                list.stream().limit(30).map(l -> "RED".equals(l.level) ? "#d62728" : "#f2c200").toList()));
    }

    @GET
    @Path("/staffing.svg")
    @Operation(summary = "Agents needed per half-hour of a day's forecast for a queue (Erlang A where patience is measured)")
    public Uni<String> staffing(@QueryParam("tenant") String tenant, @QueryParam("queue") String queue,
            @QueryParam("day") String day) {
        String t = scope.readScope(tenant);
        java.time.LocalDate date;
        try {
            date = java.time.LocalDate.parse(day == null ? "" : day);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField("day", "day is an ISO date, e.g. 2026-11-30.");
        }
        if (queue != null && !queue.matches("\\d{6}")) {
            throw ProblemException.invalidField("queue", "queue is a 6-digit GB/T 2260 code, e.g. 370300.");
        }
        Instant start = date.atStartOfDay(java.time.ZoneId.of(KpiQueries.ZONE)).toInstant();
        return staffing.forecast(t, queue, start, 4, new StaffingService.Target(20, 0.8, null, 0))
                .map(l -> SvgChart.bars("Agents needed " + date + (queue == null ? "" : " " + queue), "agents",
                        l.stream().map(i -> new SvgChart.Point(Instant.parse(i.start())
                                .atZone(java.time.ZoneId.of(KpiQueries.ZONE)).toLocalTime().toString(),
                                i.agentsErlangA() != null ? (double) i.agentsErlangA()
                                        : i.agentsErlangC() == null ? null : (double) i.agentsErlangC())).toList(),
                        null));
    }

    private static Double value(KpiService.CallRow r, String figure) {
        return switch (figure) {
            case "answerRate" -> r.answerRate();
            case "abandonmentRate" -> r.abandonmentRate();
            case "averageSpeedOfAnswerSeconds" -> r.averageSpeedOfAnswerSeconds();
            case "offered" -> (double) r.offered();
            default -> r.serviceLevel();
        };
    }
}
