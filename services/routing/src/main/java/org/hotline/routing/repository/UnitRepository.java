package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import org.hotline.routing.domain.Unit;

/** Reads and stores units (承办单位). */
@ApplicationScoped
@WithSession
public class UnitRepository implements PanacheRepositoryBase<Unit, UUID> {

    public PanacheQuery<Unit> ofTenant(String tenant) {
        return "*".equals(tenant) ? find("order by tenant, name") : find("tenant = ?1 order by name", tenant);
    }

    /** The unit, locked for the rest of the transaction, so that its claim cap is checked one claim at a time. */
    public Uni<Unit> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
