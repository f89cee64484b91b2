package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.AssignmentRun;
import org.hotline.evaluation.domain.UnassignedCase;

/** Assignment runs and the cases they could not assign. */
@ApplicationScoped
@WithSession
public class AssignmentRunRepository implements PanacheRepositoryBase<AssignmentRun, UUID> {

    public Uni<AssignmentRun> findScoped(Scope scope, UUID id) {
        if (scope.national()) {
            return findById(id);
        }
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", scope.tenant()))
                .firstResult();
    }

    public Uni<List<AssignmentRun>> listScoped(Scope scope, int page, int size) {
        return (scope.national() ? find("order by createdAt desc, id")
                : find("tenant = ?1 order by createdAt desc, id", scope.tenant())).page(page, size).list();
    }

    /** Whether the weekly job already ran for this tenant and week. */
    public Uni<Boolean> weeklyRunExists(String tenant, LocalDate week) {
        return count("tenant = ?1 and week = ?2 and trigger = 'WEEKLY'", tenant, week).map(n -> n > 0);
    }

    public Uni<List<UnassignedCase>> unassigned(UUID runId) {
        return getSession().chain(s -> s.createSelectionQuery(
                "from UnassignedCase where key.runId = :r order by key.caseId", UnassignedCase.class)
                .setParameter("r", runId).getResultList());
    }
}
