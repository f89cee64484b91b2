package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.CaseEvaluation;

/** Evaluation forms (read through their assignment, which carries the scope). */
@ApplicationScoped
@WithSession
public class CaseEvaluationRepository implements PanacheRepositoryBase<CaseEvaluation, UUID> {

    public Uni<CaseEvaluation> ofAssignment(UUID assignmentId) {
        return find("assignmentId", assignmentId).firstResult();
    }

    public Uni<List<CaseEvaluation>> ofCase(UUID caseId) {
        return list("caseId = ?1 order by round", caseId);
    }
}
