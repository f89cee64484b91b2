package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.repository.UnitRepository;
import org.hotline.routing.repository.WorkOrderRepository;

/**
 * Periodic sweep: returns expired claims to the pool and raises yellow (most of the limit used) and red (overdue,
 * supervised) warnings. Each step is one set-based statement whose effects are decided by row locks and a unique
 * key, so any number of replicas may sweep at the same moment and every warning is still raised exactly once; the
 * events of exactly those rows are appended to the outbox in the same transaction.
 */
@ApplicationScoped
public class WorkOrderSweep {

    /** Names this replica in the audit trail and on the warnings it raised. */
    private final String replica = "routing-" + UUID.randomUUID().toString().substring(0, 8);
    private final WorkOrderRepository orders;
    private final UnitRepository units;
    private final WorkOrderJournal journal;

    public WorkOrderSweep(WorkOrderRepository orders, UnitRepository units, WorkOrderJournal journal) {
        this.orders = orders;
        this.units = units;
        this.journal = journal;
    }

    /** What one sweep did. */
    public record Outcome(String replica, int claimsReleased, int yellowWarnings, int redWarnings) {
    }

    @Scheduled(every = "${hotline.routing.sweep-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${hotline.routing.sweep-delay:30s}")
    Uni<Void> scheduled() {
        return sweep().invoke(o -> {
            if (o.claimsReleased() + o.yellowWarnings() + o.redWarnings() > 0) {
                Log.infof("Sweep %s: %d claims back to the pool, %d yellow, %d red", o.replica(), o.claimsReleased(),
                        o.yellowWarnings(), o.redWarnings());
            }
        }).onFailure().invoke(e -> Log.warnf(e, "Sweep %s failed; the next one retries", replica)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** Runs one sweep now; each step in its own transaction so that one failing step does not hold back the others. */
    public Uni<Outcome> sweep() {
        return step(this::releaseClaims)
                .flatMap(released -> step(this::raiseRed)
                        .flatMap(red -> step(this::raiseYellow)
                                .map(yellow -> new Outcome(replica, released, yellow, red))));
    }

    private Uni<Integer> releaseClaims() {
        return orders.releaseExpiredClaims(replica).flatMap(rows -> {
            Map<UUID, String> formerUnit = new HashMap<>();
            rows.forEach(r -> {
                String[] parts = r.split(" ", -1);
                formerUnit.put(UUID.fromString(parts[0]), parts.length > 1 ? parts[1] : "");
            });
            return publish(List.copyOf(formerUnit.keySet()), "claim-expired", o -> Map.of("fromUnitId", formerUnit.get(o.id)));
        });
    }

    private Uni<Integer> raiseRed() {
        return orders.raiseRedWarnings(replica).flatMap(ids -> load(ids).flatMap(list -> leaders(list).flatMap(leaders ->
                journal.publish(list, "warning-raised", o -> Map.of("level", "RED"))
                        .flatMap(x -> journal.publish(list, "supervised", o -> {
                            Unit u = o.unitId == null ? null : leaders.get(o.unitId);
                            Map<String, String> d = new HashMap<>();
                            d.put("reason", "OVERDUE");
                            d.put("leaderName", u == null ? null : u.leaderName);
                            d.put("leaderPhone", u == null ? null : u.leaderPhone);
                            return d;
                        }))
                        .replaceWith(list.size()))));
    }

    private Uni<Integer> raiseYellow() {
        return orders.raiseYellowWarnings(replica)
                .flatMap(ids -> publish(ids.stream().map(UUID::fromString).toList(), "warning-raised",
                        o -> Map.of("level", "YELLOW")));
    }

    private Uni<Integer> publish(List<UUID> ids, String event, Function<WorkOrder, Map<String, ?>> details) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return orders.list("id in ?1", ids).flatMap(list -> journal.publish(list, event, details).replaceWith(list.size()));
    }

    private Uni<List<WorkOrder>> load(List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : orders.list("id in ?1", ids.stream().map(UUID::fromString).toList());
    }

    private Uni<Map<UUID, Unit>> leaders(List<WorkOrder> list) {
        List<UUID> unitIds = list.stream().map(o -> o.unitId).filter(java.util.Objects::nonNull).distinct().toList();
        if (unitIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return units.list("id in ?1", unitIds).map(us -> {
            Map<UUID, Unit> m = new HashMap<>();
            us.forEach(u -> m.put(u.id, u));
            return m;
        });
    }

    /**
     * One step in its own transaction. Replicas racing on the same rows can meet in a deadlock that PostgreSQL
     * resolves by aborting one; that step is simply retried, and the unique key still keeps warnings single.
     */
    private Uni<Integer> step(java.util.function.Supplier<Uni<Integer>> statement) {
        return Panache.withTransaction(statement::get)
                .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(3);
    }
}
