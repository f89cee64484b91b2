package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.WorkOrderStatus;

/**
 * Actions around an order that are not its lifecycle: revealing the citizen's number to those who must call them
 * (each reveal in the audit trail), and the centre moving an order into the claim pool (抢单).
 */
@ApplicationScoped
public class CentreActions {

    private final WorkOrderService orders;
    private final RegionDirectory directory;
    private final WorkOrderJournal journal;

    public CentreActions(WorkOrderService orders, RegionDirectory directory, WorkOrderJournal journal) {
        this.orders = orders;
        this.directory = directory;
        this.journal = journal;
    }

    /** The citizen's number in full, for a call. */
    public record CitizenPhone(UUID workOrderId, String tenant, String citizenPhone, String citizenName)
            implements AuditedCase {

        @Override
        public String auditId() {
            return workOrderId.toString();
        }

        @Override
        public String auditTenant() {
            return tenant;
        }
    }

    /**
     * The number in full for the hotline centre (callbacks, 回访) of the order's tenant and for a handler of the unit
     * responsible or answerable for it; every reveal is an entry of the order's audit trail (action PHONE_REVEALED).
     */
    @WithTransaction
    public Uni<CitizenPhone> revealPhone(Caller caller, UUID id, String purpose) {
        String why = WorkOrderService.trimmed(purpose);
        if (why != null && why.length() > 200) {
            throw ProblemException.invalidField("purpose", "has " + why.length() + " characters; at most 200");
        }
        return orders.visible(caller, id).flatMap(o -> {
            if (caller.reach() == Caller.Reach.HANDLER && !caller.unit().equals(o.unitId)
                    && !caller.unit().equals(o.answerableUnitId)) {
                throw ProblemException.forbidden("not-your-unit", "Only the unit handling the order may call the citizen.");
            }
            if (o.citizenPhone == null) {
                throw ProblemException.notFound("citizen-phone-missing", "The citizen left no phone number on this order.");
            }
            return journal.record(o, caller, "PHONE_REVEALED", o.status, why == null ? "citizen's number revealed" : why,
                    null, null).replaceWith(new CitizenPhone(o.id, o.tenant, o.citizenPhone, o.citizenName));
        });
    }

    /**
     * The centre puts an open order into the claim pool (CITY: its pooling region's units; PROVINCE: every unit of
     * the tenant); the deadline keeps running, the unit that had it no longer does.
     */
    @WithTransaction
    public Uni<WorkOrderView> moveToPool(Caller caller, UUID id, String scope, String reason) {
        PoolScope s = WorkOrderService.enumOf(PoolScope.class, "scope", scope, PoolScope.CITY);
        String why = WorkOrderService.trimmed(reason);
        if (why == null || why.length() > 1000) {
            throw ProblemException.invalidField("reason", "is required (at most 1000 characters)");
        }
        return orders.visible(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "move orders into the claim pool");
            WorkOrderService.requireStatus(o, "move into the claim pool", WorkOrderStatus.DISPATCHED,
                    WorkOrderStatus.CLAIMED, WorkOrderStatus.ACCEPTED);
            return directory.all().flatMap(map -> {
                WorkOrderStatus from = o.status;
                UUID previous = o.unitId;
                WorkOrderService.pool(o, s, map);
                o.claimExpiresAt = null;
                o.acceptBy = null;
                o.statusNotes = "Moved into the " + s + " claim pool by the hotline centre";
                o.updatedAt = Instant.now();
                return journal.record(o, caller, "POOLED", from, why, "pooled",
                        Map.of("fromUnitId", previous == null ? "" : previous.toString(), "scope", s.name()));
            });
        }).flatMap(o -> orders.view(o, false));
    }
}
