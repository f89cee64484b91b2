package org.hotline.evaluation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.util.List;

/** Direct reads and resets of evaluation's test database (hotline_evaluation_test, owned by this module). */
final class Database {

    private Database() {
    }

    /** Empties the workflow tables so each test plans over its own evaluators and cases only. */
    static void reset() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("TRUNCATE audit_call, audit_line, audit_campaign, hearing_item, "
                        + "hearing, routing_action, case_evaluation, assignment, unassigned_case, assignment_run, "
                        + "evaluation_case, evaluator_conflict, evaluator, idempotent_request").executeUpdate())));
    }

    /** Event types on evaluation's outbox about an aggregate, in feed order. */
    @SuppressWarnings("unchecked")
    static List<String> eventTypes(String aggregateId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT type FROM outbox_event WHERE aggregate_id = :a ORDER BY "
                        + "seq", String.class).setParameter("a", aggregateId).getResultList())));
    }

    /** Count of rows matching a native query with one parameter. */
    static long count(String sql, Object parameter) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(sql, Long.class).setParameter(1, parameter).getSingleResult())));
    }
}
