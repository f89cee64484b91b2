package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.repository.UnitRepository;
import org.hotline.routing.repository.WorkOrderRepository;

/**
 * The claim pool (抢单 / 全市通办): orders any eligible unit of the city or province may take. A claim is a lease that
 * goes back to the pool unless the unit accepts in time; each unit has a cap on open claims.
 */
@ApplicationScoped
public class ClaimPoolService {

    private final WorkOrderRepository orders;
    private final UnitRepository units;
    private final RegionDirectory directory;
    private final WorkOrderService workOrders;
    private final WorkOrderJournal journal;
    private final RoutingConfig config;

    public ClaimPoolService(WorkOrderRepository orders, UnitRepository units, RegionDirectory directory,
            WorkOrderService workOrders, WorkOrderJournal journal, RoutingConfig config) {
        this.orders = orders;
        this.units = units;
        this.directory = directory;
        this.workOrders = workOrders;
        this.journal = journal;
        this.config = config;
    }

    /** Pooled orders the handler's unit may claim, soonest deadline first. */
    @WithSession
    public Uni<WorkOrderService.WorkOrderPage> claimable(Caller caller, int page, int size) {
        if (caller.reach() != Caller.Reach.HANDLER) {
            throw ProblemException.forbidden("unit-only", "The claim pool is listed for a handler's unit.");
        }
        return units.findById(caller.unit()).flatMap(unit -> {
            if (unit == null || !unit.tenant.equals(caller.tenant())) {
                throw ProblemException.forbidden("unit-unknown", "Your token's unit is not a unit of tenant " + caller.tenant());
            }
            return directory.all().flatMap(map -> {
                Region r = map.get(unit.regionCode);
                var q = orders.claimable(unit.tenant, unit.regionCode, r == null ? unit.regionCode : r.defaultPoolingCode);
                return q.page(Page.of(page, size)).list().flatMap(items -> q.count().flatMap(total -> workOrders.views(items)
                        .map(v -> new WorkOrderService.WorkOrderPage(v, total, page, size))));
            });
        });
    }

    /** Claims a pooled order for the handler's unit; exactly one of concurrent claims wins, the others get 409. */
    @WithTransaction
    public Uni<WorkOrderView> claim(Caller caller, UUID id) {
        if (caller.reach() != Caller.Reach.HANDLER) {
            throw ProblemException.forbidden("unit-only", "Only a handler may claim an order for the handler's unit.");
        }
        // Not the visibility check of reads: a handler who lost the race must hear "already claimed", not "not found".
        return orders.findById(id).flatMap(o -> {
            if (o == null || !caller.reachesTenant(o.tenant)) {
                throw ProblemException.notFound("work-order-not-found", "No work order " + id + " is visible to you.");
            }
            return units.lock(caller.unit()).flatMap(unit -> claim(caller, o, unit));
        }).flatMap(o -> workOrders.view(o, false));
    }

    private Uni<WorkOrder> claim(Caller caller, WorkOrder o, Unit unit) {
        if (unit == null || !unit.tenant.equals(o.tenant) || !unit.active) {
            throw ProblemException.forbidden("unit-unknown", "Your unit is not an active unit of tenant " + o.tenant);
        }
        if (o.status != WorkOrderStatus.POOLED) {
            throw ProblemException.conflict("already-claimed", "This order is no longer in the claim pool.");
        }
        return directory.all().flatMap(map -> {
            if (!eligible(map, unit, o)) {
                throw ProblemException.forbidden("claim-out-of-scope", "Only units of " + o.poolRegionCode
                        + " may claim this order.");
            }
            // The unit row is locked, so this count and the claim below cannot interleave with another claim of the
            // same unit.
            return orders.countOpenClaims(unit.id);
        }).flatMap(open -> {
            if (open >= unit.openClaimCap) {
                throw ProblemException.conflict("claim-cap-reached", "Your unit already holds " + open
                        + " unaccepted claims (cap " + unit.openClaimCap + "); accept them or let them expire first.");
            }
            Instant now = Instant.now();
            o.status = WorkOrderStatus.CLAIMED;
            o.unitId = unit.id;
            o.claimExpiresAt = now.plus(config.claimLease());
            o.updatedAt = now;
            o.statusNotes = "Claimed by " + unit.name;
            // Flushing here makes the version check happen now: of concurrent claims loaded at the same version,
            // PostgreSQL lets exactly one update through and the others fail the check.
            return orders.flush().onFailure(ClaimPoolService::isStale).transform(e -> ProblemException.conflict(
                    "already-claimed", "Another unit claimed this order first.")).replaceWith(o);
        }).flatMap(claimed -> journal.record(claimed, caller, "CLAIMED", WorkOrderStatus.POOLED,
                "Lease until " + claimed.claimExpiresAt, "claimed", Map.of("unitId", unit.id.toString())));
    }

    private static boolean isStale(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.StaleStateException || c instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static boolean eligible(Map<String, Region> map, Unit unit, WorkOrder o) {
        if (o.poolScope == PoolScope.PROVINCE) {
            return unit.tenant.equals(o.tenant);
        }
        return RegionDirectory.within(map, unit.regionCode, o.poolRegionCode)
                || o.poolRegionCode.equals(map.get(unit.regionCode).defaultPoolingCode);
    }
}
