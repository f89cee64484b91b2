package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.appraisal.hotspot.HotspotDetector.Kind;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.HotspotAlerts;
import org.hotline.appraisal.service.HotspotService;
import org.hotline.appraisal.service.WebhookDeliveries;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/**
 * Hotspots for leaders' screens: many complaints about one address, housing estate or topic in a window; their
 * alerts (raised once by the sweep, sent to the province's webhook) are acknowledged here.
 */
@Path("/api/v1/hotspots")
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class HotspotResource {

    private final HotspotService hotspots;
    private final HotspotAlerts alerts;
    private final AccessScope scope;

    public HotspotResource(HotspotService hotspots, HotspotAlerts alerts, AccessScope scope) {
        this.hotspots = hotspots;
        this.alerts = alerts;
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

    @POST
    @Path("/{id}/acknowledgement")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A leader acknowledges a hotspot alert (id: the item's alert.id; the first acknowledgement is "
            + "kept, a second changes nothing)")
    public Uni<HotspotAlerts.AlertView> acknowledge(@Parameter(example = "9b2f3c1e-7a4d-3f5e-8c21-0d6e4b7a9f10")
            @PathParam("id") String id) {
        return alerts.acknowledge(scope.readScope(null), uuid(id), scope.subject(), Instant.now());
    }

    @GET
    @Path("/{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The webhook delivery log of a hotspot alert: its notification and each attempt")
    public Uni<List<WebhookDeliveries.Delivery>> deliveries(@PathParam("id") String id) {
        return alerts.deliveries(scope.readScope(null), uuid(id));
    }

    @POST
    @Path("/sweeps")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "Sweep every tenant for new hotspots now (every replica also does it on a schedule); "
            + "each hotspot is raised once")
    public Uni<HotspotAlerts.SweepOutcome> sweepNow() {
        scope.readScope(null);
        return alerts.sweep(Instant.now());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("hotspot-alert-not-found", "No hotspot alert " + id + ".");
        }
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
