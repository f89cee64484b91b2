package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.routing.domain.WorkOrderReturn;

/** Reads and stores returns (退单) and their arbitration. */
@ApplicationScoped
@WithSession
public class WorkOrderReturnRepository implements PanacheRepositoryBase<WorkOrderReturn, UUID> {

    public Uni<List<WorkOrderReturn>> of(UUID workOrder) {
        return list("workOrderId = ?1 order by requestedAt", workOrder);
    }
}
