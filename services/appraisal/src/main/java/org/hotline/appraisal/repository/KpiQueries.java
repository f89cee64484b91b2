package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.appraisal.domain.Period;

/**
 * The raw counts behind every KPI, grouped by period and one dimension, straight from the fact tables (never from
 * stored aggregates, so a replay of the feeds reproduces every figure). Dimension and period columns come from fixed
 * maps, never from the caller's text; values are bound parameters.
 */
@ApplicationScoped
public class KpiQueries {

    /** Zone of periods longer than a half-hour (docs/appraisal.md). */
    public static final String ZONE = "Asia/Shanghai";

    /** Columns of call_fact per dimension. */
    public static final Map<String, String> CALL_DIMENSIONS = Map.of("TENANT", "tenant", "QUEUE", "queue_id",
            "REGION", "region_code", "AGENT", "agent_id", "CATEGORY", "category", "CHANNEL", "'PHONE'");
    /**
     * Columns of callback_fact per dimension: a callback is booked before the call's wrap-up, so it has no category
     * (its row is the empty key; by=CATEGORY used to fail with a 500 on the missing column).
     */
    static final Map<String, String> CALLBACK_DIMENSIONS = Map.of("TENANT", "tenant", "QUEUE", "queue_id",
            "REGION", "region_code", "AGENT", "agent_id", "CATEGORY", "CAST(NULL AS varchar)", "CHANNEL", "'PHONE'");
    /** Columns of work_order_fact per dimension. */
    public static final Map<String, String> ORDER_DIMENSIONS = Map.of("TENANT", "o.tenant", "UNIT", "o.unit_id",
            "REGION", "o.region_code", "CATEGORY", "o.category", "CHANNEL", "o.channel");

    /**
     * Per period and key: answered, abandoned (not short), short abandons, answered within T, abandoned within T
     * (not short), wait sum of answered calls, handle sum and handled calls.
     */
    @WithSession
    public Uni<List<Object[]>> calls(String tenant, Instant from, Instant to, Period period, String dimension,
            int withinSeconds, int shortSeconds) {
        String p = period.sql("offered_at", ZONE);
        String k = CALL_DIMENSIONS.get(dimension);
        String sql = "SELECT " + p + " AS p, coalesce(" + k + ", '') AS k, "
                + "count(*) FILTER (WHERE answered_at IS NOT NULL), "
                + "count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds >= :short), "
                + "count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds < :short), "
                + "count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_seconds <= :within), "
                + "count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds >= :short "
                + "AND wait_seconds <= :within), "
                + "coalesce(sum(wait_seconds) FILTER (WHERE answered_at IS NOT NULL), 0), "
                + "coalesce(sum(handle_seconds) FILTER (WHERE ended_at IS NOT NULL AND handle_seconds IS NOT NULL), 0), "
                + "count(*) FILTER (WHERE ended_at IS NOT NULL AND handle_seconds IS NOT NULL) "
                + "FROM call_fact WHERE offered_at >= :from AND offered_at < :to"
                + (tenant == null ? "" : " AND tenant = :tenant") + " GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                    .setParameter("short", shortSeconds).setParameter("within", withinSeconds);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /** Per period (of the request) and key: callbacks offered and kept. */
    @WithSession
    public Uni<List<Object[]>> callbacks(String tenant, Instant from, Instant to, Period period, String dimension) {
        String k = CALLBACK_DIMENSIONS.get(dimension);
        String sql = "SELECT " + period.sql("requested_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, count(*), "
                + "count(*) FILTER (WHERE status = 'KEPT') FROM callback_fact "
                + "WHERE requested_at >= :from AND requested_at < :to" + (tenant == null ? "" : " AND tenant = :tenant")
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /**
     * Per period of receipt and key: received, replied, replied on time, replied late, open past their deadline at
     * {@code asOf}, rated by callback, satisfied, reopened, supervised, pooled, claimed, evaluations, their score
     * sum, and orders replied at least once.
     */
    @WithSession
    public Uni<List<Object[]>> workOrders(String tenant, Instant from, Instant to, Period period, String dimension,
            Instant asOf) {
        String sql = "SELECT " + period.sql("o.received_at", ZONE) + " AS p, coalesce("
                + ORDER_DIMENSIONS.get(dimension) + ", '') AS k, count(*), "
                + "count(*) FILTER (WHERE o.replied_at IS NOT NULL), "
                + "count(*) FILTER (WHERE o.replied_at IS NOT NULL AND o.replied_on_time), "
                + "count(*) FILTER (WHERE o.replied_at IS NOT NULL AND NOT o.replied_on_time), "
                + "count(*) FILTER (WHERE o.replied_at IS NULL AND o.due_at IS NOT NULL AND o.due_at < :asOf), "
                + "count(*) FILTER (WHERE o.satisfaction IS NOT NULL), "
                + "count(*) FILTER (WHERE o.satisfaction = 'SATISFIED'), "
                + "count(*) FILTER (WHERE o.reopen_count > 0), count(*) FILTER (WHERE o.supervised), "
                + "count(*) FILTER (WHERE o.pooled), count(*) FILTER (WHERE o.pooled AND o.claimed), "
                + "coalesce(sum(e.n), 0), coalesce(sum(e.score_sum), 0), "
                + "count(*) FILTER (WHERE o.replied_at IS NOT NULL OR o.reopen_count > 0) "
                + "FROM work_order_fact o LEFT JOIN (SELECT work_order_id, count(*) AS n, sum(score) AS score_sum "
                + "FROM kpi_fact WHERE work_order_id IS NOT NULL AND score IS NOT NULL GROUP BY work_order_id) e "
                + "ON e.work_order_id = o.work_order_id "
                + "WHERE o.received_at >= :from AND o.received_at < :to"
                + (tenant == null ? "" : " AND o.tenant = :tenant") + " GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                    .setParameter("asOf", asOf);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /** Columns of the evaluation facts per dimension. */
    public static final Map<String, String> EVALUATION_DIMENSIONS = Map.of("TENANT", "tenant", "UNIT", "unit_id",
            "REGION", "region_code", "CATEGORY", "category");

    /**
     * Per period and key: evaluations that count (the latest round of each order), complainant satisfied (满意 or
     * 基本满意), evaluator satisfied, disputes (verdicts disagree: on a hearing's agenda), late evaluations, rework
     * and supervision requests, test calls, test calls passed, dead numbers (空号).
     */
    @WithSession
    public Uni<List<Object[]>> evaluations(String tenant, Instant from, Instant to, Period period, String dimension) {
        String k = EVALUATION_DIMENSIONS.get(dimension);
        String audit = "CATEGORY".equals(dimension) ? "NULL" : k;
        String t = tenant == null ? "" : " AND tenant = :tenant";
        String sql = "SELECT p, k, sum(ev), sum(sat), sum(evsat), sum(disp), sum(late), sum(rw), sum(sv), sum(ac), "
                + "sum(ap), sum(dead) FROM ("
                + "SELECT " + period.sql("submitted_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, 1 AS ev, "
                + "CASE WHEN complainant_verdict IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 1 ELSE 0 END AS sat, "
                + "CASE WHEN evaluator_verdict IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 1 ELSE 0 END AS evsat, "
                + "CASE WHEN outcome = 'HEARING' THEN 1 ELSE 0 END AS disp, CASE WHEN late THEN 1 ELSE 0 END AS late, "
                + "0 AS rw, 0 AS sv, 0 AS ac, 0 AS ap, 0 AS dead FROM evaluation_fact e "
                + "WHERE submitted_at >= :from AND submitted_at < :to" + t + " AND NOT EXISTS (SELECT 1 FROM "
                + "evaluation_fact l WHERE l.work_order_id = e.work_order_id AND l.round > e.round) "
                + "UNION ALL SELECT " + period.sql("requested_at", ZONE) + ", coalesce(" + k + ", ''), 0, 0, 0, 0, 0, "
                + "CASE WHEN kind = 'REWORK' THEN 1 ELSE 0 END, CASE WHEN kind = 'SUPERVISION' THEN 1 ELSE 0 END, "
                + "0, 0, 0 FROM evaluation_action_fact WHERE requested_at >= :from AND requested_at < :to" + t
                + " UNION ALL SELECT " + period.sql("called_at", ZONE) + ", coalesce(" + audit + ", ''), 0, 0, 0, 0, 0, "
                + "0, 0, 1, CASE WHEN passed THEN 1 ELSE 0 END, CASE WHEN answer = 'DEAD_NUMBER' THEN 1 ELSE 0 END "
                + "FROM audit_call_fact WHERE called_at >= :from AND called_at < :to" + t
                + ") x GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /** Per period of the step and key (the returning unit for UNIT): returns requested and refused (improper). */
    @WithSession
    public Uni<List<Object[]>> returns(String tenant, Instant from, Instant to, Period period, String dimension) {
        String k = "UNIT".equals(dimension) ? "r.unit_id" : ORDER_DIMENSIONS.get(dimension);
        String sql = "SELECT " + period.sql("r.occurred_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, "
                + "count(*) FILTER (WHERE r.decision = 'REQUESTED'), count(*) FILTER (WHERE r.decision = 'REFUSED') "
                + "FROM work_order_return_fact r JOIN work_order_fact o ON o.work_order_id = r.work_order_id "
                + "WHERE r.occurred_at >= :from AND r.occurred_at < :to"
                + (tenant == null ? "" : " AND r.tenant = :tenant") + " GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }
}
