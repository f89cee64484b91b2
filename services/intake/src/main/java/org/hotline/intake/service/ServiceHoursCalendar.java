package org.hotline.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.intake.config.IntakeConfig;

/**
 * Human service hours per tenant, in the tenant's zone: the configured opening periods on the working days of
 * routing's calendar (holidays closed, 调休 make-up days open), see {@link WorkingDays}.
 */
@ApplicationScoped
public class ServiceHoursCalendar {

    private final IntakeConfig config;
    private final WorkingDays calendar;

    public ServiceHoursCalendar(IntakeConfig config, WorkingDays calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    /** Whether human agents serve {@code tenant} at {@code at}. */
    public boolean isOpen(String tenant, Instant at) {
        Hours h = hours(tenant);
        ZonedDateTime local = at.atZone(h.zone);
        if (!workingDay(tenant, h, local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return h.periods.stream().anyMatch(p -> !time.isBefore(p[0]) && time.isBefore(p[1]));
    }

    /** The next instant human agents open for {@code tenant} after {@code at} ({@code at} itself when open). */
    public Instant nextOpening(String tenant, Instant at) {
        if (isOpen(tenant, at)) {
            return at;
        }
        Hours h = hours(tenant);
        ZonedDateTime local = at.atZone(h.zone);
        for (int day = 0; day < 60; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            if (!workingDay(tenant, h, date)) {
                continue;
            }
            for (LocalTime[] p : h.periods) {
                if (!p[1].isAfter(p[0])) {
                    continue; // an empty period never opens
                }
                ZonedDateTime start = date.atTime(p[0]).atZone(h.zone);
                if (start.isAfter(local)) {
                    return start.toInstant();
                }
            }
        }
        return null;
    }

    /**
     * A working day by routing's calendar (holidays, 调休) unless the tenant's hours name all seven days (a line open
     * around the clock); the configured weekdays and holidays when routing's calendar is not loaded.
     */
    private boolean workingDay(String tenant, Hours h, LocalDate date) {
        if (h.days.size() == 7) {
            return !h.holidays.contains(date);
        }
        Boolean byCalendar = calendar.workingDay(tenant, date);
        return byCalendar != null ? byCalendar : h.workingDay(date);
    }

    private Hours hours(String tenant) {
        // Parsed once per tenant: this is on every queue-position and message path.
        return parsed.computeIfAbsent(tenant == null ? "" : tenant, t -> {
            IntakeConfig.ServiceHours sh = t.isEmpty() ? null : config.tenantHours().get(t);
            return new Hours(sh == null ? config.serviceHours() : sh);
        });
    }

    private final java.util.Map<String, Hours> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** Parsed hours of one tenant. */
    private static final class Hours {
        final ZoneId zone;
        final List<LocalTime[]> periods;
        final Set<DayOfWeek> days;
        final Set<LocalDate> holidays;

        Hours(IntakeConfig.ServiceHours sh) {
            zone = ZoneId.of(sh.zone());
            periods = sh.periods().stream().map(p -> {
                String[] parts = p.trim().split("-");
                return new LocalTime[] { LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()) };
            }).toList();
            days = sh.days().stream().map(d -> DayOfWeek.valueOf(d.trim().toUpperCase())).collect(Collectors.toSet());
            holidays = sh.holidays().orElse(List.of()).stream().map(d -> LocalDate.parse(d.trim()))
                    .collect(Collectors.toSet());
        }

        boolean workingDay(LocalDate date) {
            return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
        }
    }
}
