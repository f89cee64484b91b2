package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.RoutingAction;

/** The durable queue of requests to routing. */
@ApplicationScoped
@WithSession
public class RoutingActionRepository implements PanacheRepositoryBase<RoutingAction, UUID> {

    /** Ids of pending actions due now, oldest first. */
    public Uni<List<UUID>> due(Instant now, int max) {
        return getSession().chain(s -> s.createSelectionQuery("select id from RoutingAction where status = :p "
                + "and nextAttemptAt <= :now order by createdAt", UUID.class)
                .setParameter("p", RoutingAction.Status.PENDING).setParameter("now", now).setMaxResults(max)
                .getResultList());
    }

    public Uni<List<RoutingAction>> ofCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt", caseId);
    }

    public Uni<Boolean> exists(UUID caseId, RoutingAction.Kind kind, int round) {
        return count("caseId = ?1 and kind = ?2 and round = ?3", caseId, kind, round).map(n -> n > 0);
    }

    public Uni<Long> pendingCount() {
        return count("status", RoutingAction.Status.PENDING);
    }
}
