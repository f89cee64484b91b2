package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.evaluation.domain.Evaluation;

/** Stores and reads evaluations. */
@ApplicationScoped
@WithSession
public class EvaluationRepository implements PanacheRepositoryBase<Evaluation, UUID> {

    /** One evaluation visible in the scope, or null. */
    public io.smallrye.mutiny.Uni<Evaluation> findScoped(Scope scope, UUID id) {
        if (scope.national()) {
            return findById(id);
        }
        if (scope.evaluatorSubject() != null) {
            return find("id = ?1 and tenant = ?2 and evaluator = ?3", id, scope.tenant(), scope.evaluatorSubject())
                    .firstResult();
        }
        return find("id = ?1 and tenant = ?2", id, scope.tenant()).firstResult();
    }
}
