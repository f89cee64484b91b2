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
 * Human service hours per tenant, in the tenant's zone: the opening periods its administrator set
 * ({@link ServiceHoursSettings}, held in memory) or else the configured ones, on the working days of routing's calendar
 * (holidays closed, 调休 make-up days open), see {@link WorkingDays}.
 */
@ApplicationScoped
public class ServiceHoursCalendar {

    private final IntakeConfig config;
    private final WorkingDays calendar;
    private final ServiceHoursSettings settings;

    public ServiceHoursCalendar(IntakeConfig config, WorkingDays calendar, ServiceHoursSettings settings) {
        this.config = config;
        this.calendar = calendar;
        this.settings = settings;
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
        String key = tenant == null ? "" : tenant;
        // Built once per tenant (and per version of its stored hours): this is on every queue-position and message path.
        ServiceHoursSettings.Effective stored = key.isEmpty() ? null : settings.stored(key);
        if (stored != null) {
            Hours h = fromSettings.get(key);
            if (h == null || h.version != stored.version()) {
                h = new Hours(stored.hours(), configured(key).holidays(), stored.version());
                fromSettings.put(key, h);
            }
            return h;
        }
        return parsed.computeIfAbsent(key, t -> new Hours(configured(t)));
    }

    private IntakeConfig.ServiceHours configured(String tenant) {
        IntakeConfig.ServiceHours sh = tenant.isEmpty() ? null : config.tenantHours().get(tenant);
        return sh == null ? config.serviceHours() : sh;
    }

    private final java.util.Map<String, Hours> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Hours> fromSettings = new java.util.concurrent.ConcurrentHashMap<>();

    /** Parsed hours of one tenant. */
    private static final class Hours {
        final ZoneId zone;
        final List<LocalTime[]> periods;
        final Set<DayOfWeek> days;
        final Set<LocalDate> holidays;
        final long version;

        Hours(IntakeConfig.ServiceHours sh) {
            zone = ZoneId.of(sh.zone());
            periods = sh.periods().stream().map(p -> {
                String[] parts = p.trim().split("-");
                return new LocalTime[] { WeeklyHours.time(parts[0]), WeeklyHours.time(parts[1]) };
            }).toList();
            days = sh.days().stream().map(d -> DayOfWeek.valueOf(d.trim().toUpperCase())).collect(Collectors.toSet());
            holidays = holidays(sh.holidays());
            version = 0;
        }

        /** A province's own hours; the configured holidays remain the fallback when routing's calendar is not loaded. */
        Hours(WeeklyHours wh, java.util.Optional<List<String>> configuredHolidays, long version) {
            zone = ZoneId.of(wh.zone());
            periods = wh.periods();
            days = wh.days();
            holidays = holidays(configuredHolidays);
            this.version = version;
        }

        private static Set<LocalDate> holidays(java.util.Optional<List<String>> dates) {
            return dates.orElse(List.of()).stream().map(d -> LocalDate.parse(d.trim())).collect(Collectors.toSet());
        }

        boolean workingDay(LocalDate date) {
            return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
        }
    }
}
