package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.domain.Evaluator;

/** Evaluators, always read within a {@link Scope}. */
@ApplicationScoped
@WithSession
public class EvaluatorRepository implements PanacheRepositoryBase<Evaluator, UUID> {

    /** One evaluator visible in the scope, or null. */
    public Uni<Evaluator> findScoped(Scope scope, UUID id) {
        if (scope.national()) {
            return findById(id);
        }
        return find("id = :id and tenant = :tenant", Parameters.with("id", id).and("tenant", scope.tenant()))
                .firstResult();
    }

    /** A page of the scope's evaluators, by name. */
    public Uni<List<Evaluator>> listScoped(Scope scope, String status, int page, int size) {
        return query(scope, status).page(page, size).list();
    }

    public Uni<Long> countScoped(Scope scope, String status) {
        return query(scope, status).count();
    }

    private io.quarkus.hibernate.reactive.panache.PanacheQuery<Evaluator> query(Scope scope, String status) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (!scope.national()) {
            q.append(" and tenant = :tenant");
            p.and("tenant", scope.tenant());
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", Evaluator.Status.valueOf(status));
        }
        return find(q + " order by name, id", p);
    }

    /** The evaluator a token subject links to in a tenant, or null. */
    public Uni<Evaluator> findBySubject(String tenant, String subject) {
        return find("tenant = ?1 and subject = ?2", tenant, subject).firstResult();
    }

    /** Active evaluators of a tenant, in a stable order. */
    public Uni<List<Evaluator>> active(String tenant) {
        return list("tenant = ?1 and status = ?2 order by id", tenant, Evaluator.Status.ACTIVE);
    }

    /** Tenants that have active evaluators (for the weekly job). */
    public Uni<List<String>> tenantsWithActive() {
        return getSession().chain(s -> s.createSelectionQuery(
                "select distinct tenant from Evaluator where status = :s", String.class)
                .setParameter("s", Evaluator.Status.ACTIVE).getResultList());
    }
}
