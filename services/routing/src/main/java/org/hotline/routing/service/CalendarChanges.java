package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.CalendarChange;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.domain.WorkingTime;
import org.hotline.routing.repository.UnitRepository;
import org.hotline.routing.repository.WorkOrderRepository;

/**
 * A change of a calendar day in one transaction: the day, the calendar's revision, the deadlines of the open orders
 * whose clock runs over that day (the working minutes of their limit are kept, counted on the new calendar), an
 * entry in each order's audit trail and one in the calendar's own.
 */
@ApplicationScoped
public class CalendarChanges {

    private static final List<WorkOrderStatus> RUNNING = List.of(WorkOrderStatus.DISPATCHED, WorkOrderStatus.POOLED,
            WorkOrderStatus.CLAIMED, WorkOrderStatus.ACCEPTED, WorkOrderStatus.RETURN_REQUESTED);

    private final CalendarService calendars;
    private final WorkOrderRepository orders;
    private final UnitRepository units;
    private final WorkOrderJournal journal;
    private final RoutingConfig config;

    public CalendarChanges(CalendarService calendars, WorkOrderRepository orders, UnitRepository units,
            WorkOrderJournal journal, RoutingConfig config) {
        this.calendars = calendars;
        this.orders = orders;
        this.units = units;
        this.journal = journal;
        this.config = config;
    }

    @WithTransaction
    public Uni<CalendarService.DayView> setDay(Caller caller, String tenant, LocalDate day, boolean working, String name) {
        return calendars.setDay(tenant, day, working, name)
                .call(v -> recompute(caller, tenant, day, "Calendar " + tenant + ": " + day + " set to "
                        + (working ? "working day" : "holiday") + " (" + v.name() + ")")
                        .flatMap(n -> audit(caller, tenant, day, "SET", working, v.name(), n)));
    }

    @WithTransaction
    public Uni<CalendarService.DayView> removeDay(Caller caller, String tenant, LocalDate day) {
        return calendars.removeDay(tenant, day)
                .call(v -> recompute(caller, tenant, day, "Calendar " + tenant + ": entry for " + day + " removed")
                        .flatMap(n -> audit(caller, tenant, day, "REMOVED", null, null, n)));
    }

    /** The calendar's own audit trail, newest first. */
    @WithSession
    public Uni<List<CalendarChange>> changes(String tenant) {
        return CalendarChange.<CalendarChange>find("tenant = ?1 order by at desc", tenant).page(0, 200).list();
    }

    private Uni<Void> audit(Caller caller, String tenant, LocalDate day, String action, Boolean working, String name,
            int recomputed) {
        CalendarChange c = new CalendarChange();
        c.id = UUID.randomUUID();
        c.tenant = tenant;
        c.day = day;
        c.action = action;
        c.working = working;
        c.name = name;
        c.actor = caller.subject();
        c.at = Instant.now();
        c.ordersRecomputed = recomputed;
        return c.persist().replaceWithVoid();
    }

    /** Recomputes the running orders of the tenant (every tenant for '*') whose clock spans the day. */
    private Uni<Integer> recompute(Caller caller, String tenant, LocalDate day, String reason) {
        ZoneId zone = ZoneId.of(config.zone());
        Instant dayStart = day.minusDays(1).atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(2).atStartOfDay(zone).toInstant();
        String scope = CalendarService.NATIONAL.equals(tenant) ? "" : "tenant = :tenant and ";
        var query = orders.find(scope + "status in :running and dueAt is not null and dueAt >= :dayStart "
                + "and clockStartedAt < :dayEnd and limitWorkingMinutes is not null",
                scopeParameters(tenant, dayStart, dayEnd));
        return query.list().flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<UUID> unitIds = found.stream().map(o -> o.unitId).filter(java.util.Objects::nonNull).distinct().toList();
            Uni<List<Unit>> us = unitIds.isEmpty() ? Uni.createFrom().item(List.of()) : units.list("id in ?1", unitIds);
            return us.flatMap(list -> {
                Map<UUID, String> hours = new HashMap<>();
                list.forEach(u -> hours.put(u.id, u.workingHours));
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (WorkOrder o : found) {
                    chain = chain.flatMap(x -> calendars.workingTime(o.tenant, o.unitId == null ? null : hours.get(o.unitId))
                            .flatMap(wt -> moveDeadline(caller, o, wt, reason)));
                }
                return chain.replaceWith(found.size());
            });
        });
    }

    private static Map<String, Object> scopeParameters(String tenant, Instant dayStart, Instant dayEnd) {
        Map<String, Object> p = new HashMap<>();
        if (!CalendarService.NATIONAL.equals(tenant)) {
            p.put("tenant", tenant);
        }
        p.put("running", RUNNING);
        p.put("dayStart", dayStart);
        p.put("dayEnd", dayEnd);
        return p;
    }

    private Uni<Void> moveDeadline(Caller caller, WorkOrder o, WorkingTime wt, String reason) {
        Instant before = o.dueAt;
        Instant after = wt.plusWorkingMinutes(o.clockStartedAt, o.limitWorkingMinutes);
        o.deadlineYearWithoutData = wt.firstYearWithoutData(o.clockStartedAt, after);
        if (after.equals(before)) {
            return Uni.createFrom().voidItem();
        }
        o.dueAt = after;
        o.warnAt = wt.plusWorkingMinutes(o.clockStartedAt,
                (long) Math.ceil(o.limitWorkingMinutes * config.yellowFraction()));
        o.updatedAt = Instant.now();
        return journal.record(o, caller, "DEADLINE_RECOMPUTED", o.status, reason + ": deadline " + before + " -> " + after,
                "deadline-recomputed", Map.of("previousDueAt", before.toString())).replaceWithVoid();
    }
}
