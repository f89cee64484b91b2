package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.routing.domain.WorkOrderHistory;

/** Appends to and reads the audit trail; never updates or deletes (the database refuses it too). */
@ApplicationScoped
@WithSession
public class WorkOrderHistoryRepository implements PanacheRepositoryBase<WorkOrderHistory, Long> {

    public Uni<List<WorkOrderHistory>> of(UUID workOrder) {
        return list("workOrderId = ?1 order by id", workOrder);
    }
}
