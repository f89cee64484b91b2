package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.repository.KpiQueries;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.Scorecards;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** Weighted scorecards and rankings per unit, region or tenant, and the annual conduct assessment as CSV. */
@Path("/api/v1/scorecards")
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class ScorecardResource {

    private final Scorecards scorecards;
    private final AccessScope scope;

    public ScorecardResource(Scorecards scorecards, AccessScope scope) {
        this.scorecards = scorecards;
        this.scope = scope;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Ranked scorecard: KPIs in percent, weighted composite, grade; by UNIT, REGION or TENANT")
    public Uni<Response> scorecard(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("by") String by, @QueryParam("asOf") String asOf,
            @QueryParam("settingsVersion") Integer version, @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, Period.ALL);
        String d = KpiParams.dimension(by, Set.of("UNIT", "REGION", "TENANT"), "UNIT");
        return answer(t, f, u, d, KpiParams.instant("asOf", asOf, Instant.now()), version, KpiParams.csv(format),
                "scorecard.csv");
    }

    @GET
    @Path("/annual")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "行风建设年度考核: the year's scorecard per unit (CSV with format=csv)")
    public Uni<Response> annual(@QueryParam("tenant") String tenant, @QueryParam("year") Integer year,
            @QueryParam("by") String by, @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        if (year == null || year < 2000 || year > 2100) {
            throw ProblemException.invalidField("year", "year is 2000 to 2100.");
        }
        ZoneId zone = ZoneId.of(KpiQueries.ZONE);
        Instant f = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant u = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Instant asOf = Instant.now().isBefore(u) ? Instant.now() : u;
        String d = KpiParams.dimension(by, Set.of("UNIT", "REGION", "TENANT"), "UNIT");
        return answer(t, f, u, d, asOf, null, KpiParams.csv(format), "annual-assessment-" + year + ".csv");
    }

    private Uni<Response> answer(String tenant, Instant from, Instant to, String by, Instant asOf, Integer version,
            boolean csv, String file) {
        return scorecards.compute(tenant, from, to, by, asOf, version).map(card -> csv
                ? Response.ok(Csv.of(Scorecards.ScorecardRow.class, card.rows()), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build()
                : Response.ok(card, MediaType.APPLICATION_JSON).build());
    }
}
