package org.hotline.evaluation.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.evaluation.client.RoutingClient;
import org.hotline.evaluation.config.EvaluationConfig;

/**
 * Deadlines on a tenant's working-day calendar, read from routing (the one source of truth) and kept in memory for
 * an hour; when routing cannot be reached, Monday to Friday stand in and the deadline says so.
 */
@ApplicationScoped
public class WorkingDays {

    /** How long a tenant's calendar is kept before it is read again. */
    static final Duration REFRESH = Duration.ofHours(1);

    private final RoutingClient routing;
    private final EvaluationConfig config;
    private final Map<String, Cached> calendars = new ConcurrentHashMap<>();

    public WorkingDays(RoutingClient routing, EvaluationConfig config) {
        this.routing = routing;
        this.config = config;
    }

    private record Cached(Instant readAt, Map<LocalDate, Boolean> days) {
    }

    /** A deadline and its reminder: {@code basis} CALENDAR or WEEKDAYS. */
    public record Deadline(Instant dueAt, Instant remindAt, String basis) {
    }

    /** End of the n-th working day after {@code from}'s day (that day not counting), and the reminder before it. */
    public Uni<Deadline> deadline(String tenant, Instant from, int workingDays, int reminderBefore) {
        ZoneId zone = config.zoneOf(tenant);
        LocalDate start = from.atZone(zone).toLocalDate();
        return days(tenant, start).map(days -> {
            String basis = days == null ? "WEEKDAYS" : "CALENDAR";
            LocalDate due = nthWorkingDay(days, start, workingDays);
            LocalDate remind = nthWorkingDay(days, start, Math.max(0, workingDays - reminderBefore));
            return new Deadline(due.plusDays(1).atStartOfDay(zone).toInstant(),
                    remind.plusDays(1).atStartOfDay(zone).toInstant(), basis);
        });
    }

    private Uni<Map<LocalDate, Boolean>> days(String tenant, LocalDate start) {
        Cached cached = calendars.get(tenant);
        if (cached != null && cached.readAt().plus(REFRESH).isAfter(Instant.now())
                && cached.days().containsKey(start) && cached.days().containsKey(start.plusDays(60))) {
            return Uni.createFrom().item(cached.days());
        }
        return routing.calendar(tenant, start.minusDays(7), start.plusDays(120)).map(reply -> {
            Map<LocalDate, Boolean> days = new HashMap<>();
            for (CalendarDay d : reply.getDaysList()) {
                days.put(LocalDate.parse(d.getDate()), d.getWorkingDay());
            }
            calendars.put(tenant, new Cached(Instant.now(), days));
            return days;
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Working calendar of tenant %s unavailable from routing (%s); counting Monday to Friday",
                    tenant, failure.getMessage());
            return cached == null ? null : cached.days();
        });
    }

    static LocalDate nthWorkingDay(Map<LocalDate, Boolean> days, LocalDate start, int n) {
        LocalDate d = start;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            Boolean working = days == null ? null : days.get(d);
            if (working == null) {
                working = d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
            }
            if (working) {
                counted++;
            }
        }
        return d;
    }
}
