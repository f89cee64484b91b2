package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.CalendarDay;
import org.hotline.routing.domain.CalendarRevision;
import org.hotline.routing.domain.TenantCalendar;
import org.hotline.routing.domain.WorkingTime;
import org.hotline.routing.repository.CalendarRepository;

/**
 * Working-day calendars, held in memory: the national holidays and adjusted working days ('*'), tenants' own days,
 * zones and hours. Deadlines, the gRPC calendar intake reads for its service hours and the REST views all come from
 * the same snapshot; a change here reloads it at once and the other replicas reload when the revisions change.
 */
@ApplicationScoped
public class CalendarService {

    /** The national calendar's tenant. */
    public static final String NATIONAL = "*";

    private final CalendarRepository days;
    private final RoutingConfig config;
    private volatile Snapshot snapshot;

    public CalendarService(CalendarRepository days, RoutingConfig config, MeterRegistry metrics) {
        this.days = days;
        this.config = config;
        // 1 from December 1st while next year's national holidays are missing: alert on it (docs/routing.md).
        Gauge.builder("hotline_routing_calendar_next_year_missing", this, c -> c.nextYearMissing(LocalDate.now(
                ZoneId.of(config.zone()))) == null ? 0 : 1).tag("tenant", NATIONAL)
                .description("1 from December 1st while the national calendar has no holiday data for next year")
                .register(metrics);
    }

    /**
     * From December 1st, the warning that next year's national holidays are not entered (deadlines into it count
     * weekends only); null otherwise or before the calendar is first loaded.
     */
    public String nextYearMissing(LocalDate today) {
        Snapshot s = snapshot;
        if (s == null || today.getMonthValue() < 12 || s.nationalYears().contains(today.getYear() + 1)) {
            return null;
        }
        return "The national calendar has no holidays for " + (today.getYear() + 1) + " yet: deadlines reaching it "
                + "count weekends only. Enter them with PUT /api/v1/calendars/%2A/days/{day} (platform operator).";
    }

    /** Every calendar at one moment. */
    record Snapshot(Map<String, Map<LocalDate, CalendarDay>> days, Map<String, TenantCalendar> hours,
            Map<String, Long> revisions, Set<Integer> nationalYears, long total,
            Map<String, WorkingTime> workingTimes) {

        Snapshot(Map<String, Map<LocalDate, CalendarDay>> days, Map<String, TenantCalendar> hours,
                Map<String, Long> revisions, Set<Integer> nationalYears, long total) {
            // Working times built from this snapshot (they are immutable), by tenant and unit hours: a deadline
            // needs one per created, replied or reopened order, and building it copies every calendar exception.
            this(days, hours, revisions, nationalYears, total, new java.util.concurrent.ConcurrentHashMap<>());
        }
    }

    private Uni<Snapshot> snapshot() {
        Snapshot s = snapshot;
        return s != null ? Uni.createFrom().item(s) : load();
    }

    private Uni<Snapshot> load() {
        return Panache.withSession(() -> days.listAll().flatMap(all -> TenantCalendar.<TenantCalendar>listAll()
                .flatMap(hours -> CalendarRevision.<CalendarRevision>listAll().map(revisions -> {
                    Map<String, Map<LocalDate, CalendarDay>> byTenant = new HashMap<>();
                    Set<Integer> years = new HashSet<>();
                    for (CalendarDay d : all) {
                        byTenant.computeIfAbsent(d.tenant, k -> new HashMap<>()).put(d.day, d);
                        if (NATIONAL.equals(d.tenant)) {
                            years.add(d.day.getYear());
                        }
                    }
                    Map<String, TenantCalendar> hoursByTenant = new HashMap<>();
                    hours.forEach(h -> hoursByTenant.put(h.tenant, h));
                    Map<String, Long> revs = new HashMap<>();
                    revisions.forEach(r -> revs.put(r.tenant, r.revision));
                    Snapshot s = new Snapshot(Map.copyOf(byTenant), Map.copyOf(hoursByTenant), Map.copyOf(revs),
                            Set.copyOf(years), revs.values().stream().mapToLong(Long::longValue).sum());
                    snapshot = s;
                    return s;
                }))));
    }

    /** Reloads when another replica changed a calendar (the sum of revisions moved). */
    @Scheduled(every = "${hotline.routing.directory-refresh:30s}", delayed = "${hotline.routing.directory-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        Snapshot s = snapshot;
        if (s == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> CalendarRevision.<CalendarRevision>listAll())
                .flatMap(revs -> revs.stream().mapToLong(r -> r.revision).sum() == s.total()
                        ? Uni.createFrom().voidItem() : load().replaceWithVoid())
                .onFailure().invoke(e -> Log.warnf(e, "Reloading calendars failed; the next refresh retries"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Working time of a tenant, with a unit's own hours when it has them. */
    public Uni<WorkingTime> workingTime(String tenant, String unitHours) {
        return snapshot().map(s -> workingTime(s, tenant, unitHours));
    }

    private WorkingTime workingTime(Snapshot s, String tenant, String unitHours) {
        String key = tenant + '\u0000' + (unitHours == null ? "" : unitHours);
        WorkingTime known = s.workingTimes().get(key);
        if (known != null) {
            return known;
        }
        WorkingTime built = buildWorkingTime(s, tenant, unitHours);
        if (s.workingTimes().size() < 10_000) {
            s.workingTimes().putIfAbsent(key, built);
        }
        return built;
    }

    private WorkingTime buildWorkingTime(Snapshot s, String tenant, String unitHours) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        // National days first, so that a tenant's own day for the same date overwrites them.
        s.days().getOrDefault(NATIONAL, Map.of()).forEach((day, d) -> exceptions.put(day, d.working));
        if (!NATIONAL.equals(tenant)) {
            s.days().getOrDefault(tenant, Map.of()).forEach((day, d) -> exceptions.put(day, d.working));
        }
        TenantCalendar tc = s.hours().get(tenant);
        String hours = unitHours != null ? unitHours : tc != null ? tc.workingHours : config.workingHours();
        ZoneId zone = ZoneId.of(tc != null ? tc.zone : config.zone());
        return new WorkingTime(zone, WorkingTime.parsePeriods(hours), exceptions, s.nationalYears());
    }

    /** One day of a calendar as seen by a tenant. */
    public record DayView(LocalDate day, boolean working, String name, String source) {
    }

    /** The calendar's exceptions in a year: holidays and adjusted working days, the tenant's own marked as such. */
    public Uni<List<DayView>> exceptions(String tenant, int year) {
        return snapshot().map(s -> {
            Map<LocalDate, DayView> merged = new TreeMap<>();
            for (String t : NATIONAL.equals(tenant) ? List.of(NATIONAL) : List.of(NATIONAL, tenant)) {
                s.days().getOrDefault(t, Map.of()).values().stream().filter(d -> d.day.getYear() == year)
                        .forEach(d -> merged.put(d.day, new DayView(d.day, d.working, d.name,
                                NATIONAL.equals(d.tenant) ? "NATIONAL" : "TENANT")));
            }
            return List.copyOf(merged.values());
        });
    }

    /** Whether the national calendar has holiday data for the year. */
    public Uni<Boolean> yearHasData(int year) {
        return snapshot().map(s -> s.nationalYears().contains(year));
    }

    /** The days of a tenant's calendar in [from, to] for intake's service hours, and the version to cache by. */
    public record CalendarView(String tenant, String zone, List<CalendarEntry> days, long version) {
    }

    /** One day: working or not, why it differs from an ordinary week, and whether its year has holiday data. */
    public record CalendarEntry(LocalDate day, boolean working, String name, boolean yearHasData) {
    }

    public Uni<CalendarView> calendar(String tenant, LocalDate from, LocalDate to) {
        return snapshot().map(s -> {
            WorkingTime wt = workingTime(s, tenant, null);
            Map<LocalDate, CalendarDay> own = NATIONAL.equals(tenant) ? Map.of() : s.days().getOrDefault(tenant, Map.of());
            Map<LocalDate, CalendarDay> national = s.days().getOrDefault(NATIONAL, Map.of());
            List<CalendarEntry> list = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                CalendarDay named = own.containsKey(d) ? own.get(d) : national.get(d);
                list.add(new CalendarEntry(d, wt.isWorkingDay(d), named == null ? "" : named.name,
                        s.nationalYears().contains(d.getYear())));
            }
            return new CalendarView(tenant, wt.zone().getId(), list, version(s, tenant));
        });
    }

    private static long version(Snapshot s, String tenant) {
        long national = s.revisions().getOrDefault(NATIONAL, 0L);
        return NATIONAL.equals(tenant) ? national : national + s.revisions().getOrDefault(tenant, 0L);
    }

    /** Sets a day of a calendar ('*' national, or a tenant's own day that wins over the national one). */
    @WithTransaction
    public Uni<DayView> setDay(String tenant, LocalDate day, boolean working, String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalidField("name", "is required, e.g. 地方节假日");
        }
        if (name.trim().length() > 100) {
            throw ProblemException.invalidField("name", "has " + name.trim().length() + " characters; at most 100");
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
        }).call(d -> days.flush()).call(d -> bump(tenant))
                .map(d -> new DayView(d.day, d.working, d.name, NATIONAL.equals(tenant) ? "NATIONAL" : "TENANT"));
    }

    /** Removes a calendar's own entry for the day (the day is then ordinary, or national for a tenant). 404 if none. */
    @WithTransaction
    public Uni<DayView> removeDay(String tenant, LocalDate day) {
        CalendarDay.Key key = new CalendarDay.Key();
        key.tenant = tenant;
        key.day = day;
        return days.findById(key).flatMap(existing -> {
            if (existing == null) {
                throw ProblemException.notFound("calendar-day-not-found", "Calendar " + tenant + " has no entry for "
                        + day + ".");
            }
            DayView removed = new DayView(existing.day, existing.working, existing.name,
                    NATIONAL.equals(tenant) ? "NATIONAL" : "TENANT");
            return days.delete(existing).call(() -> days.flush()).call(() -> bump(tenant)).replaceWith(removed);
        });
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
        }).call(tc -> days.flush()).call(tc -> bump(tenant));
    }

    /** Raises the calendar's revision in the caller's transaction and reloads this replica's snapshot. */
    private Uni<Void> bump(String tenant) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO calendar_revision (tenant, revision) VALUES (?1, 1) "
                                + "ON CONFLICT (tenant) DO UPDATE SET revision = calendar_revision.revision + 1")
                .setParameter(1, tenant).executeUpdate())
                .flatMap(x -> load()).replaceWithVoid();
    }
}
