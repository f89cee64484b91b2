package org.hotline.intake.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.intake.client.RoutingCalendarClient;
import org.hotline.intake.config.IntakeConfig;

/**
 * Routing's working-day calendar (national holidays, 调休 make-up days, tenant overrides) kept in memory per tenant,
 * so that service hours never wait on the network: the one source of truth for deadlines and opening hours.
 * A tenant seen for the first time is loaded in the background (not at start: a gRPC channel that fails before
 * routing listens backs off for a long time), then refreshed every {@code hotline.intake.calendar.refresh}. Fallback while a tenant's calendar is not (yet) loaded: the national calendar if loaded,
 * else the configured weekdays and holidays of the tenant's hours. A loaded calendar is kept when routing is down.
 */
@ApplicationScoped
public class WorkingDays {

    /** One tenant's days as routing gave them. */
    record Loaded(Map<LocalDate, Boolean> working, LocalDate from, LocalDate to, long version) {
    }

    private static final String NATIONAL = "*";

    private final RoutingCalendarClient routing;
    private final IntakeConfig config;
    private final Map<String, Loaded> calendars = new ConcurrentHashMap<>();
    private final Set<String> loading = ConcurrentHashMap.newKeySet();

    public WorkingDays(RoutingCalendarClient routing, IntakeConfig config) {
        this.routing = routing;
        this.config = config;
    }

    /**
     * Whether {@code date} is a working day of {@code tenant}: routing's answer when known; otherwise {@code null}
     * (the caller falls back to its weekday rule).
     */
    public Boolean workingDay(String tenant, LocalDate date) {
        String key = tenant == null || tenant.isBlank() ? NATIONAL : tenant;
        Loaded own = calendars.get(key);
        if (own == null) {
            loadInBackground(key);
        }
        Boolean answer = own == null ? null : own.working().get(date);
        if (answer == null) {
            Loaded national = calendars.get(NATIONAL);
            answer = national == null ? null : national.working().get(date);
        }
        return answer;
    }

    /** Refreshes every calendar loaded so far (holidays change rarely; the version tells). */
    @Scheduled(every = "${hotline.intake.calendar.refresh:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Set<String> tenants = new java.util.HashSet<>(calendars.keySet());
        tenants.add(NATIONAL);
        return Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(t -> load(t).onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private void loadInBackground(String tenant) {
        long now = System.currentTimeMillis();
        // One load per tenant at a time, and after a failure not again for a while: the hot path never floods routing.
        if (notBefore.getOrDefault(tenant, 0L) <= now && loading.add(tenant)) {
            load(tenant).onFailure().invoke(e -> notBefore.put(tenant, System.currentTimeMillis() + 15_000))
                    .onTermination().invoke(() -> loading.remove(tenant)).subscribe().with(x -> { }, e -> { });
        }
    }

    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

    /** Loads [today − 7 days, today + horizon] of a tenant's calendar; keeps the old one when routing fails. */
    Uni<Void> load(String tenant) {
        LocalDate today = LocalDate.now(ZoneId.of(config.serviceHours().zone()));
        LocalDate from = today.minusDays(7);
        LocalDate to = today.plusDays(config.calendar().horizonDays());
        return routing.days(tenant, from, to)
                .invoke(days -> calendars.put(tenant, loaded(days, from, to)))
                .onFailure().invoke(e -> Log.warnf("Working calendar of tenant %s not loaded from routing (%s); "
                        + "service hours use %s", tenant, e.toString(),
                        calendars.containsKey(tenant) ? "the calendar loaded before" : "the fallback rule"))
                .replaceWithVoid();
    }

    /** Loads a tenant's calendar for an explicit range (tests, and a look ahead beyond the horizon). */
    public Uni<Void> load(String tenant, LocalDate from, LocalDate to) {
        return routing.days(tenant, from, to).invoke(days -> {
            Loaded before = calendars.get(tenant);
            Loaded now = loaded(days, from, to);
            if (before != null) {
                Map<LocalDate, Boolean> merged = new ConcurrentHashMap<>(before.working());
                merged.putAll(now.working());
                now = new Loaded(merged, before.from().isBefore(from) ? before.from() : from,
                        before.to().isAfter(to) ? before.to() : to, now.version());
            }
            calendars.put(tenant, now);
        }).replaceWithVoid();
    }

    private static Loaded loaded(CalendarDays days, LocalDate from, LocalDate to) {
        Map<LocalDate, Boolean> working = new ConcurrentHashMap<>();
        for (CalendarDay d : days.getDaysList()) {
            LocalDate date = LocalDate.parse(d.getDate());
            // A year without holiday data is only a weekday guess: leave it to the fallback rule, same as routing's.
            working.put(date, d.getYearHasData() ? d.getWorkingDay()
                    : date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY);
        }
        return new Loaded(working, from, to, days.getVersion());
    }
}
