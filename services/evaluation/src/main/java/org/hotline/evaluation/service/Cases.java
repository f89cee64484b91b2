package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.repository.CaseEvaluationRepository;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.RoutingActionRepository;
import org.hotline.evaluation.repository.Scope;

/** Cases to evaluate as staff read them, with their evaluations and routing actions. */
@ApplicationScoped
public class Cases {

    private final CaseRepository cases;
    private final CaseEvaluationRepository forms;
    private final RoutingActionRepository actions;

    public Cases(CaseRepository cases, CaseEvaluationRepository forms, RoutingActionRepository actions) {
        this.cases = cases;
        this.forms = forms;
        this.actions = actions;
    }

    /** A case with its evaluations (both rounds) and the actions sent to routing. */
    public record CaseHistory(EvaluationCase evaluationCase, List<CaseEvaluation> evaluations,
            List<RoutingAction> actions) {
    }

    @WithSession
    public Uni<CaseHistory> history(Scope scope, UUID id) {
        return cases.findScoped(scope, id).chain(c -> {
            if (c == null) {
                throw ProblemException.notFound("case-not-found", "No case " + id + " in your reach.");
            }
            return forms.ofCase(c.id).chain(f -> actions.ofCase(c.id).map(a -> new CaseHistory(c, f, a)));
        });
    }

    @WithSession
    public Uni<Evaluators.Page<EvaluationCase>> list(Scope scope, UUID workOrderId, String stage, int page, int size) {
        EvaluationCase.Stage s = FieldChecks.oneOf("stage", stage, EvaluationCase.Stage.class, false);
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (!scope.national()) {
            q.append(" and tenant = :tenant");
            p.and("tenant", scope.tenant());
        }
        if (workOrderId != null) {
            q.append(" and workOrderId = :wo");
            p.and("wo", workOrderId);
        }
        if (s != null) {
            q.append(" and stage = :stage");
            p.and("stage", s);
        }
        var query = cases.find(q + " order by createdAt desc, id", p);
        return query.page(page, size).list().chain(items -> query.count()
                .map(n -> new Evaluators.Page<>(items, n, page, size)));
    }
}
