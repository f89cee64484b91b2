package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hotline.evaluation.domain.Assignment;

/** Assignments; an evaluator-only scope sees only the assignments of the evaluator its subject links to. */
@ApplicationScoped
@WithSession
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    private static final String OWN = " and evaluatorId in (select e.id from Evaluator e where e.subject = :subject"
            + " and e.tenant = :tenant)";

    /** Filters of the assignment list. */
    public record Filter(String status, boolean overdue, boolean dueSoon, UUID evaluatorId, LocalDate week) {
    }

    public Uni<Assignment> findScoped(Scope scope, UUID id) {
        Parameters p = Parameters.with("id", id);
        return find("id = :id" + where(scope, p), p).firstResult();
    }

    public Uni<List<Assignment>> listScoped(Scope scope, Filter filter, Instant now, int page, int size) {
        return query(scope, filter, now).page(page, size).list();
    }

    public Uni<Long> countScoped(Scope scope, Filter filter, Instant now) {
        return query(scope, filter, now).count();
    }

    private PanacheQuery<Assignment> query(Scope scope, Filter f, Instant now) {
        Parameters p = new Parameters();
        StringBuilder q = new StringBuilder("1 = 1").append(where(scope, p));
        if (f.status() != null) {
            q.append(" and status = :status");
            p.and("status", Assignment.Status.valueOf(f.status()));
        }
        if (f.overdue()) {
            q.append(" and status = :open and dueAt < :now");
            p.and("open", Assignment.Status.OPEN).and("now", now);
        }
        if (f.dueSoon()) {
            q.append(" and status = :open2 and remindAt <= :now2 and dueAt >= :now2");
            p.and("open2", Assignment.Status.OPEN).and("now2", now);
        }
        if (f.evaluatorId() != null) {
            q.append(" and evaluatorId = :ev");
            p.and("ev", f.evaluatorId());
        }
        if (f.week() != null) {
            q.append(" and week = :week");
            p.and("week", f.week());
        }
        return find(q + " order by dueAt, id", p);
    }

    private static String where(Scope scope, Parameters p) {
        String s = "";
        if (!scope.national()) {
            s += " and tenant = :tenant";
            p.and("tenant", scope.tenant());
        }
        if (scope.evaluatorSubject() != null) {
            if (scope.national()) {
                // An evaluator is never national (CallerScope refuses it); keep the query closed anyway.
                return s + " and 1 = 0";
            }
            s += OWN;
            p.and("subject", scope.evaluatorSubject());
        }
        return s;
    }

    /** Assignments per evaluator of a tenant in a week (current loads for a run). */
    public Uni<Map<UUID, Integer>> loads(String tenant, LocalDate week) {
        return getSession().chain(s -> s.createSelectionQuery(
                "select evaluatorId, count(*) from Assignment where tenant = :t and week = :w group by evaluatorId",
                Object[].class).setParameter("t", tenant).setParameter("w", week).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> ((Long) r[1]).intValue())));
    }

    public Uni<Assignment> ofCaseRound(UUID caseId, int round) {
        return find("caseId = ?1 and round = ?2", caseId, round).firstResult();
    }

    /** Open assignments whose reminder is due and not sent. */
    public Uni<List<Assignment>> remindersDue(Instant now, int max) {
        return find("status = ?1 and remindedAt is null and remindAt <= ?2 order by remindAt",
                Assignment.Status.OPEN, now).page(0, max).list();
    }

    /** Open assignments past their deadline, per tenant (for the overdue gauge). */
    public Uni<List<Object[]>> overdueCounts(Instant now) {
        return getSession().chain(s -> s.createSelectionQuery(
                "select tenant, count(*) from Assignment where status = :o and dueAt < :n group by tenant",
                Object[].class).setParameter("o", Assignment.Status.OPEN).setParameter("n", now).getResultList());
    }
}
