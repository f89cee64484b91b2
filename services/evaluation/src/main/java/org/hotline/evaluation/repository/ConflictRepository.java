package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.EvaluatorConflict;

/** Conflict-of-interest declarations. */
@ApplicationScoped
@WithSession
public class ConflictRepository implements PanacheRepositoryBase<EvaluatorConflict, UUID> {

    /** Declarations of one evaluator (the caller checked the evaluator is in scope). */
    public Uni<List<EvaluatorConflict>> ofEvaluator(String tenant, UUID evaluatorId) {
        return list("tenant = ?1 and evaluatorId = ?2 order by createdAt, id", tenant, evaluatorId);
    }

    /** Every declaration of a tenant, for an assignment run. */
    public Uni<List<EvaluatorConflict>> ofTenant(String tenant) {
        return list("tenant", tenant);
    }
}
