package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hotline.routing.domain.PoolingAssignment;

/** Reads and stores tenants' pooling assignments. */
@ApplicationScoped
@WithSession
public class PoolingAssignmentRepository implements PanacheRepositoryBase<PoolingAssignment, UUID> {

    /** Assignments of any of these regions, whatever their dates. */
    public Uni<List<PoolingAssignment>> forRegions(Collection<String> regionCodes) {
        return list("regionCode in ?1", regionCodes);
    }

    public Uni<List<PoolingAssignment>> forTenant(String tenant) {
        return "*".equals(tenant) ? list("order by tenant, regionCode, effectiveFrom")
                : list("tenant = ?1 order by regionCode, effectiveFrom", tenant);
    }
}
