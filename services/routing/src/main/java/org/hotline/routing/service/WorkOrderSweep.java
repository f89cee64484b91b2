package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.routing.repository.WorkOrderRepository;

/**
 * Periodic sweep: returns expired claims to the pool and raises yellow (most of the limit used) and red (overdue,
 * supervised) warnings. Each step is one set-based statement whose effects are decided by row locks and a unique
 * key, so any number of replicas may sweep at the same moment and every warning is still raised exactly once.
 */
@ApplicationScoped
public class WorkOrderSweep {

    /** Names this replica in the audit trail and on the warnings it raised. */
    private final String replica = "routing-" + UUID.randomUUID().toString().substring(0, 8);
    private final WorkOrderRepository orders;

    public WorkOrderSweep(WorkOrderRepository orders) {
        this.orders = orders;
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
        return step(orders::releaseExpiredClaims)
                .flatMap(released -> step(orders::raiseRedWarnings)
                        .flatMap(red -> step(orders::raiseYellowWarnings)
                                .map(yellow -> new Outcome(replica, released, yellow, red))));
    }

    /**
     * One step in its own transaction. Replicas racing on the same rows can meet in a deadlock that PostgreSQL
     * resolves by aborting one; that step is simply retried, and the unique key still keeps warnings single.
     */
    private Uni<Integer> step(java.util.function.Function<String, Uni<Integer>> statement) {
        return Panache.withTransaction(() -> statement.apply(replica))
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(50)).atMost(3);
    }
}
