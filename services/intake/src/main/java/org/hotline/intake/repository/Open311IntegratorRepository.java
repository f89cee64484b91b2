package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.intake.domain.Open311Integrator;

/** Stores Open311 integrators. */
@ApplicationScoped
@WithSession
public class Open311IntegratorRepository implements PanacheRepositoryBase<Open311Integrator, UUID> {

    public Uni<Open311Integrator> findByKeyHash(String hash) {
        return find("apiKeyHash", hash).firstResult();
    }

    public Uni<Open311Integrator> findByIdempotencyKey(String createdBy, String key) {
        return find("createdBy = ?1 and idempotencyKey = ?2", createdBy, key).firstResult();
    }
}
