package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.EvaluationCase;

/** Cases to evaluate. */
@ApplicationScoped
@WithSession
public class CaseRepository implements PanacheRepositoryBase<EvaluationCase, UUID> {

    public Uni<EvaluationCase> findScoped(Scope scope, UUID id) {
        if (scope.national()) {
            return findById(id);
        }
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", scope.tenant()))
                .firstResult();
    }

    public Uni<EvaluationCase> findByWorkOrder(UUID workOrderId) {
        return find("workOrderId", workOrderId).firstResult();
    }

    /** Work-order cases of the scope, for checks of evaluations against the order's tenant. */
    public Uni<EvaluationCase> findByWorkOrderScoped(Scope scope, UUID workOrderId) {
        if (scope.national()) {
            return findByWorkOrder(workOrderId);
        }
        return find("workOrderId = :w and tenant = :t", Parameters.with("w", workOrderId).and("t", scope.tenant()))
                .firstResult();
    }

    /** Cases of a tenant a run may consider: new, replied in routing, in a sampled category. */
    public Uni<List<EvaluationCase>> candidates(String tenant, Collection<String> categories, int max) {
        return find("tenant = ?1 and stage = ?2 and routingStatus in ?3 and category in ?4 "
                + "and (sampled is null or sampled = true) order by workOrderId",
                tenant, EvaluationCase.Stage.NEW, List.of("REPLIED", "CALLBACK_DONE", "CLOSED"), categories)
                .page(0, max).list();
    }

    /** Cases whose details (title, address, masked phone) were not read from routing yet. */
    public Uni<List<EvaluationCase>> withoutDetails(int max) {
        return find("detailsLoadedAt is null order by createdAt").page(0, max).list();
    }

    /**
     * Cases replied after rework that wait for their second round; one that could not be assigned is tried again
     * once it has not changed since {@code retryBefore} (or a routing fact changed it).
     */
    public Uni<List<EvaluationCase>> reworkReplied(Instant retryBefore, int max) {
        return find("stage = ?1 and (unassignedReason is null or updatedAt < ?2) order by updatedAt",
                EvaluationCase.Stage.REWORK_REPLIED, retryBefore).page(0, max).list();
    }

    /** Cases in rework whose new deadline passed without a reply. */
    public Uni<List<EvaluationCase>> reworkOverdue(Instant now, int max) {
        return find("stage = ?1 and reworkDueAt < ?2 order by reworkDueAt", EvaluationCase.Stage.REWORK, now)
                .page(0, max).list();
    }
}
