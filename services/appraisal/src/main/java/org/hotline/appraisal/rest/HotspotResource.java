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
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.appraisal.hotspot.HotspotDetector.Kind;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.HotspotService;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** Hotspots for leaders' screens: many complaints about one address, housing estate or topic in a window. */
@Path("/api/v1/hotspots")
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class HotspotResource {

    private final HotspotService hotspots;
    private final AccessScope scope;

    public HotspotResource(HotspotService hotspots, AccessScope scope) {
        this.hotspots = hotspots;
        this.scope = scope;
    }

    /** One CSV line per hotspot (work order ids separated by spaces). */
    public record HotspotCsvRow(String id, String kind, String label, String tenant, String regionCode, int count,
            String windowStart, String windowEnd, String status, String workOrderIds) {
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Hotspots: complaints (问题反馈) about one address, housing estate or topic in a sliding window",
            description = "Complaints received in [from, to) (default: the last window up to now). kind: ADDRESS, "
                    + "ESTATE or TOPIC (absent: all). status OPEN while the latest case is within one window of now.")
    public Uni<Response> list(@Parameter(example = "37") @QueryParam("tenant") String tenant,
            @Parameter(example = "2026-11-16T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2026-11-23T00:00:00Z") @QueryParam("to") String to,
            @Parameter(example = "ESTATE") @QueryParam("kind") String kind, @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        Instant now = Instant.now();
        Instant u = KpiParams.instant("to", to, now.truncatedTo(ChronoUnit.SECONDS));
        Instant f = KpiParams.instant("from", from, u.minus(7, ChronoUnit.DAYS));
        if (!u.isAfter(f)) {
            throw ProblemException.invalidField("to", "to is after from.");
        }
        Kind k = kind(kind);
        boolean csv = KpiParams.csv(format);
        return hotspots.hotspots(t, f, u, k, now).map(h -> csv
                ? Response.ok(Csv.of(HotspotCsvRow.class, h.items().stream().map(i -> new HotspotCsvRow(i.id(),
                        i.kind(), i.label(), i.tenant(), i.regionCode(), i.count(), i.windowStart(), i.windowEnd(),
                        i.status(), String.join(" ", i.workOrderIds()))).toList()), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"hotspots.csv\"").build()
                : Response.ok(h, MediaType.APPLICATION_JSON).build());
    }

    private static Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", "kind is ADDRESS, ESTATE or TOPIC.");
        }
    }
}
