package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.CalendarDay;
import org.hotline.routing.domain.TenantCalendar;
import org.hotline.routing.domain.WorkingTime;
import org.hotline.routing.repository.CalendarRepository;

/** Working-day calendars: the national holidays and adjusted working days, tenants' own days, zones and hours. */
@ApplicationScoped
public class CalendarService {

    private final CalendarRepository days;
    private final RoutingConfig config;

    public CalendarService(CalendarRepository days, RoutingConfig config) {
        this.days = days;
        this.config = config;
    }

    /** Working time of a tenant, with a unit's own hours when it has them. */
    @WithSession
    public Uni<WorkingTime> workingTime(String tenant, String unitHours) {
        return days.tenantCalendar(tenant).flatMap(tc -> days.daysFor(tenant).map(list -> {
            Map<LocalDate, Boolean> exceptions = new HashMap<>();
            // National rows come first, so a tenant's own row for the same day overwrites them.
            list.forEach(d -> exceptions.put(d.day, d.working));
            String hours = unitHours != null ? unitHours : tc != null ? tc.workingHours : config.workingHours();
            ZoneId zone = ZoneId.of(tc != null ? tc.zone : config.zone());
            return new WorkingTime(zone, WorkingTime.parsePeriods(hours), exceptions);
        }));
    }

    /** One day of a calendar as seen by a tenant. */
    public record DayView(LocalDate day, boolean working, String name, String source) {
    }

    /** The calendar's exceptions in a year: holidays and adjusted working days, the tenant's own marked as such. */
    @WithSession
    public Uni<List<DayView>> exceptions(String tenant, int year) {
        return days.daysBetween(tenant, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).map(list -> {
            Map<LocalDate, DayView> merged = new java.util.TreeMap<>();
            list.forEach(d -> merged.put(d.day, new DayView(d.day, d.working, d.name, "*".equals(d.tenant) ? "NATIONAL" : "TENANT")));
            return List.copyOf(merged.values());
        });
    }

    /** Sets a tenant's own holiday or working day (e.g. a local holiday); wins over the national calendar. */
    @WithTransaction
    public Uni<DayView> setDay(String tenant, LocalDate day, boolean working, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalidField("name", "is required (at most 100 characters), e.g. 地方节假日");
        }
        CalendarDay.Key key = new CalendarDay.Key();
        key.tenant = tenant;
        key.day = day;
        return days.findById(key).flatMap(existing -> {
            CalendarDay d = existing != null ? existing : new CalendarDay();
            d.tenant = tenant;
            d.day = day;
            d.working = working;
            d.name = name.trim();
            return existing != null ? Uni.createFrom().item(d) : days.persist(d);
        }).map(d -> new DayView(d.day, d.working, d.name, "TENANT"));
    }

    /** Sets a tenant's zone and working hours. */
    @WithTransaction
    public Uni<TenantCalendar> setHours(String tenant, String zone, String hours) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw ProblemException.invalidField("zone", "'" + zone + "' is not a time zone such as Asia/Shanghai");
        }
        try {
            WorkingTime.parsePeriods(hours == null ? "" : hours);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("workingHours", e.getMessage() + " (e.g. 09:00-12:00,13:00-17:00)");
        }
        return days.tenantCalendar(tenant).flatMap(existing -> {
            TenantCalendar tc = existing != null ? existing : new TenantCalendar();
            tc.tenant = tenant;
            tc.zone = zone;
            tc.workingHours = hours;
            tc.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(tc) : tc.persist();
        });
    }
}
