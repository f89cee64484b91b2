package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.repository.KpiQueries;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.StaffingService;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** Agents each queue needed per half-hour (measured) and will need (forecast), by Erlang C and Erlang A. */
@Path("/api/v1/staffing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class StaffingResource {

    private final StaffingService staffing;
    private final AccessScope scope;

    public StaffingResource(StaffingService staffing, AccessScope scope) {
        this.staffing = staffing;
        this.scope = scope;
    }

    /** Half-hours of a queue with the target they were computed for. */
    public record StaffingView(String tenant, String queue, StaffingService.Target target,
            List<StaffingService.Interval> intervals) {
    }

    @GET
    @Path("/queues")
    @Operation(summary = "Per half-hour of [from, to): arrivals, handle time, measured patience and agents needed")
    public Uni<StaffingView> measured(@QueryParam("tenant") String tenant, @QueryParam("queue") String queue,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("answerWithinSeconds") Double within, @QueryParam("targetServiceLevel") Double target,
            @QueryParam("maxOccupancy") Double maxOccupancy, @QueryParam("shrinkage") Double shrinkage) {
        String t = scope.readScope(tenant);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, Period.HALF_HOUR);
        StaffingService.Target goal = target(within, target, maxOccupancy, shrinkage);
        return staffing.measured(t, queue(queue), f, u, goal).map(l -> new StaffingView(t, queue, goal, l));
    }

    @GET
    @Path("/forecast")
    @Operation(summary = "Forecast of a day's 48 half-hours: mean of the same weekday and half-hour of the previous "
            + "weeks, with the agents they will need")
    public Uni<StaffingView> forecast(@QueryParam("tenant") String tenant, @QueryParam("queue") String queue,
            @QueryParam("day") String day, @QueryParam("weeks") Integer weeks,
            @QueryParam("answerWithinSeconds") Double within, @QueryParam("targetServiceLevel") Double target,
            @QueryParam("maxOccupancy") Double maxOccupancy, @QueryParam("shrinkage") Double shrinkage) {
        String t = scope.readScope(tenant);
        LocalDate date;
        try {
            date = LocalDate.parse(day == null ? "" : day);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("day", "day is an ISO date, e.g. 2026-11-30.");
        }
        int w = weeks == null ? 4 : weeks;
        if (w < 1 || w > 26) {
            throw ProblemException.invalidField("weeks", "weeks is 1 to 26.");
        }
        Instant start = date.atStartOfDay(ZoneId.of(KpiQueries.ZONE)).toInstant();
        StaffingService.Target goal = target(within, target, maxOccupancy, shrinkage);
        return staffing.forecast(t, queue(queue), start, w, goal).map(l -> new StaffingView(t, queue, goal, l));
    }

    private static String queue(String queue) {
        if (queue == null || queue.isBlank()) {
            return null;
        }
        if (!queue.matches("\\d{6}")) {
            throw ProblemException.invalidField("queue", "queue is a 6-digit GB/T 2260 code, e.g. 370300.");
        }
        return queue;
    }

    private static StaffingService.Target target(Double within, Double target, Double maxOccupancy, Double shrinkage) {
        double t = within == null ? 20 : within;
        double sl = target == null ? 0.8 : target;
        double s = shrinkage == null ? 0 : shrinkage;
        if (t < 0 || t > 3600 || Double.isNaN(t)) {
            throw ProblemException.invalidField("answerWithinSeconds", "answerWithinSeconds is 0 to 3600.");
        }
        if (!(sl > 0 && sl < 1)) {
            throw ProblemException.invalidField("targetServiceLevel", "targetServiceLevel is above 0 and below 1.");
        }
        if (maxOccupancy != null && !(maxOccupancy > 0 && maxOccupancy <= 1)) {
            throw ProblemException.invalidField("maxOccupancy", "maxOccupancy is above 0 and at most 1.");
        }
        if (!(s >= 0 && s < 1)) {
            throw ProblemException.invalidField("shrinkage", "shrinkage is 0 up to (not including) 1.");
        }
        return new StaffingService.Target(t, sl, maxOccupancy, s);
    }
}
