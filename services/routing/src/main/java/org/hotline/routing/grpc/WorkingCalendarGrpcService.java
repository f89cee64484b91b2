package org.hotline.routing.grpc;

import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.WorkingCalendar;
import org.hotline.routing.service.CalendarService;
import org.hotline.routing.service.CallerIdentity;

/**
 * The working-day calendar for intake's service hours, from the same in-memory calendar that computes routing's
 * deadlines. Callers: the {@code service} role, or staff of the tenant asked for (the national calendar alone,
 * tenant "*", is open to every authenticated caller).
 */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.PLATFORM_OPERATOR, Roles.TENANT_ADMIN, Roles.AGENT, Roles.LEADER, Roles.HANDLER })
public class WorkingCalendarGrpcService implements WorkingCalendar {

    /** At most this many days per call. */
    static final int MAX_DAYS = 400;

    private final CalendarService calendars;
    private final CurrentIdentityAssociation identities;

    public WorkingCalendarGrpcService(CalendarService calendars, CurrentIdentityAssociation identities) {
        this.calendars = calendars;
        this.identities = identities;
    }

    @Override
    public Uni<CalendarDays> getCalendar(GetCalendarRequest request) {
        return identities.getDeferredIdentity().map(CallerIdentity::of).flatMap(caller -> {
            String tenant = request.getTenant().trim();
            if (!tenant.matches("\\d{2}") && !CalendarService.NATIONAL.equals(tenant)) {
                throw ProblemException.invalidField("tenant", "'" + tenant + "' is not a 2-digit tenant such as 37, or *");
            }
            if (!CalendarService.NATIONAL.equals(tenant)) {
                caller.requireTenant(tenant);
            }
            LocalDate from = date("from_date", request.getFromDate());
            LocalDate to = date("to_date", request.getToDate());
            if (to.isBefore(from)) {
                throw ProblemException.invalidField("to_date", "is before from_date");
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                throw ProblemException.invalidField("to_date", "the range is longer than " + MAX_DAYS + " days");
            }
            return calendars.calendar(tenant, from, to);
        }).map(view -> {
            CalendarDays.Builder b = CalendarDays.newBuilder().setTenant(view.tenant()).setZone(view.zone())
                    .setVersion(view.version());
            view.days().forEach(d -> b.addDays(CalendarDay.newBuilder().setDate(d.day().toString())
                    .setWorkingDay(d.working()).setName(d.name()).setYearHasData(d.yearHasData())));
            return b.build();
        }).onFailure().transform(ProblemStatus::toStatus);
    }

    private static LocalDate date(String field, String raw) {
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "is required: an ISO date such as 2026-10-01");
        }
    }
}
