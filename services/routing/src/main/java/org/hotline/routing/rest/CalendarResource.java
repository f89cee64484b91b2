package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.routing.domain.LimitUnit;
import org.hotline.routing.domain.CalendarChange;
import org.hotline.routing.service.CalendarChanges;
import org.hotline.routing.service.CalendarService;
import org.hotline.routing.service.CallerIdentity;

/** Working-day calendars of tenants: holidays, adjusted working days, hours, and deadline arithmetic. */
@Path("/api/v1/calendars/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarResource {

    private final CalendarService calendars;
    private final CalendarChanges changes;
    private final CallerIdentity callers;

    public CalendarResource(CalendarService calendars, CalendarChanges changes, CallerIdentity callers) {
        this.calendars = calendars;
        this.changes = changes;
        this.callers = callers;
    }

    /** A tenant's own day. */
    public record DayInput(Boolean working, String name) {
    }

    /** A tenant's zone and hours. */
    public record HoursInput(String zone, String workingHours) {
    }

    /** A computed deadline. */
    public record Deadline(Instant from, int value, String unit, Instant deadline, long workingMinutes) {
    }

    @GET
    @Path("/days")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "Holidays and adjusted working days of a year (national and the tenant's own)")
    public Uni<List<CalendarService.DayView>> days(@PathParam("tenant") String tenant,
            @Parameter(example = "2026") @QueryParam("year") Integer year) {
        checkTenant(tenant);
        if (year == null || year < 2000 || year > 2100) {
            throw ProblemException.invalidField("year", "is required: 2000..2100");
        }
        return calendars.exceptions(tenant, year);
    }

    @PUT
    @Path("/days/{day}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Set a tenant's own holiday or working day; wins over the national calendar")
    public Uni<CalendarService.DayView> setDay(@PathParam("tenant") String tenant,
            @Parameter(example = "2026-12-24") @PathParam("day") String day, DayInput body) {
        checkTenant(tenant);
        callers.current().requireCenter(tenant, "change calendars");
        if (body == null || body.working() == null) {
            throw ProblemException.invalidField("working", "is required: true for a working day, false for a holiday");
        }
        return changes.setDay(callers.current(), tenant, date("day", day), body.working(), body.name());
    }

    @DELETE
    @Path("/days/{day}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Remove a calendar's own entry for a day (a tenant's day falls back to the national one)",
            description = "404 calendar-day-not-found when the calendar has no entry for the day.")
    public Uni<CalendarService.DayView> removeDay(@PathParam("tenant") String tenant,
            @Parameter(example = "2026-12-24") @PathParam("day") String day) {
        checkTenant(tenant);
        callers.current().requireCenter(tenant, "change calendars");
        return changes.removeDay(callers.current(), tenant, date("day", day));
    }

    @GET
    @Path("/changes")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "The calendar's audit trail: who set or removed which day, and how many deadlines moved")
    public Uni<List<CalendarChange>> changes(@PathParam("tenant") String tenant) {
        checkTenant(tenant);
        callers.current().requireCenter(tenant, "read calendar changes");
        return changes.changes(tenant);
    }

    @PUT
    @Path("/hours")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Set a tenant's zone and working hours, e.g. {\"zone\":\"Asia/Urumqi\",\"workingHours\":\"10:00-13:30,15:30-19:00\"}")
    public Uni<HoursInput> setHours(@PathParam("tenant") String tenant, HoursInput body) {
        checkTenant(tenant);
        if (CalendarService.NATIONAL.equals(tenant)) {
            throw ProblemException.invalidField("tenant", "hours are set per tenant; the national calendar holds only days");
        }
        callers.current().requireCenter(tenant, "change calendars");
        if (body == null) {
            throw ProblemException.badRequest("body-missing", "Send zone and workingHours as JSON.");
        }
        return calendars.setHours(tenant, body.zone(), body.workingHours()).map(tc -> new HoursInput(tc.zone, tc.workingHours));
    }

    @GET
    @Path("/deadline")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.LEADER, Roles.HANDLER, Roles.SERVICE })
    @Operation(summary = "The deadline of a limit counted from an instant on the tenant's calendar",
            description = "WORKING_DAYS: end of the n-th working day after the start day. WORKING_HOURS: n working hours later.")
    public Uni<Deadline> deadline(@PathParam("tenant") String tenant,
            @Parameter(example = "2026-09-30T02:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "3") @QueryParam("value") Integer value,
            @Parameter(example = "WORKING_DAYS") @QueryParam("unit") String unit) {
        checkTenant(tenant);
        Instant start;
        try {
            start = Instant.parse(from == null ? "" : from);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField("from", "is required: a UTC ISO 8601 instant such as 2026-09-30T02:00:00Z");
        }
        if (value == null || value < 1 || value > 3650) {
            throw ProblemException.invalidField("value", "is required: 1..3650");
        }
        LimitUnit u;
        try {
            u = LimitUnit.valueOf(unit == null ? "" : unit);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("unit", "is required: WORKING_DAYS or WORKING_HOURS");
        }
        return calendars.workingTime(tenant, null).map(wt -> {
            Instant due = wt.deadline(start, value, u);
            return new Deadline(start, value, u.name(), due, wt.workingMinutesBetween(start, due));
        });
    }

    /** A tenant's calendar, or '*' (the national calendar: every staff member reads it, only national callers change it). */
    private void checkTenant(String tenant) {
        if (CalendarService.NATIONAL.equals(tenant)) {
            callers.current();
            return;
        }
        if (tenant == null || !tenant.matches("\\d{2}")) {
            throw ProblemException.invalidField("tenant", "'" + tenant + "' is not a 2-digit tenant code such as 37, or *");
        }
        callers.current().requireTenant(tenant);
    }

    private static LocalDate date(String field, String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not a date such as 2026-12-24");
        }
    }
}
