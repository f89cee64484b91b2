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

/** Human service hours per tenant, in the tenant's zone: open periods on working days, closed on holidays. */
@ApplicationScoped
public class ServiceHoursCalendar {

    private final IntakeConfig config;

    public ServiceHoursCalendar(IntakeConfig config) {
        this.config = config;
    }

    /** Whether human agents serve {@code tenant} at {@code at}. */
    public boolean isOpen(String tenant, Instant at) {
        Hours h = hours(tenant);
        ZonedDateTime local = at.atZone(h.zone);
        if (!h.workingDay(local.toLocalDate())) {
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
            if (!h.workingDay(date)) {
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

    private Hours hours(String tenant) {
        IntakeConfig.ServiceHours sh = tenant == null ? null : config.tenantHours().get(tenant);
        return new Hours(sh == null ? config.serviceHours() : sh);
    }

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
