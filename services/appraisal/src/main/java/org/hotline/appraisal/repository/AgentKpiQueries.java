package org.hotline.appraisal.repository;

import static org.hotline.appraisal.repository.KpiQueries.ZONE;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.appraisal.domain.Period;

/**
 * Raw counts of the agent track's later KPIs, straight from the facts like {@link KpiQueries}: first-contact
 * resolution (repeat contacts by pseudonymous caller key), occupancy (agents' state intervals) and 回访执行率
 * (callbacks done on time / due). A dimension a fact has no column for gives no rows.
 */
@ApplicationScoped
public class AgentKpiQueries {

    /** Columns of agent_state_fact per dimension. */
    static final Map<String, String> STATE_DIMENSIONS = Map.of("TENANT", "tenant", "AGENT", "agent_id",
            "QUEUE", "queue_id");
    /** Columns of follow_up_fact and work_order_fact per dimension (done callbacks; due ones not yet done). */
    static final Map<String, String[]> FOLLOW_UP_DIMENSIONS = Map.of("TENANT", new String[] { "tenant", "tenant" },
            "AGENT", new String[] { "agent_id", "NULL" }, "REGION", new String[] { "region_code", "region_code" },
            "CATEGORY", new String[] { "category", "category" }, "CHANNEL", new String[] { "channel", "channel" });

    /**
     * Per period (of the first call's offer) and key: answered calls that ended with a category from a caller with a
     * key, and those of them with no later call of the same caller key, tenant and category within {@code window}.
     */
    @WithSession
    public Uni<List<Object[]>> firstContacts(String tenant, Instant from, Instant to, Period period, String dimension,
            Duration window) {
        String k = KpiQueries.CALL_DIMENSIONS.get(dimension);
        String sql = "SELECT " + period.sql("offered_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, count(*), "
                + "count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM call_fact r JOIN contact_fact rk "
                + "ON rk.contact_id = r.contact_id WHERE rk.caller_key = b.caller_key AND r.tenant = b.tenant "
                + "AND r.category = b.category AND r.call_id <> b.call_id AND r.offered_at > b.offered_at "
                + "AND r.offered_at <= b.offered_at + CAST(:secs AS double precision) * interval '1 second')) "
                + "FROM (SELECT c.*, ck.caller_key FROM call_fact c JOIN contact_fact ck ON ck.contact_id = c.contact_id "
                + "WHERE c.offered_at >= :from AND c.offered_at < :to AND c.ended_at IS NOT NULL "
                + "AND c.category IS NOT NULL AND ck.caller_key IS NOT NULL"
                + (tenant == null ? "" : " AND c.tenant = :tenant") + ") b GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                    .setParameter("secs", window.toSeconds());
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /**
     * Per period and key: agent-seconds on duty (AVAILABLE, BUSY, WRAP_UP) and occupied (BUSY, WRAP_UP), each finished
     * state interval clipped to [from, to) and placed in the period where its clipped part starts.
     */
    @WithSession
    public Uni<List<Object[]>> agentTime(String tenant, Instant from, Instant to, Period period, String dimension) {
        String k = STATE_DIMENSIONS.get(dimension);
        if (k == null) {
            return Uni.createFrom().item(List.of());
        }
        String clipped = "EXTRACT(EPOCH FROM LEAST(until, CAST(:to AS timestamptz)) - GREATEST(since, CAST(:from AS timestamptz)))";
        String sql = "SELECT " + period.sql("GREATEST(since, CAST(:from AS timestamptz))", ZONE) + " AS p, coalesce(" + k
                + ", '') AS k, coalesce(sum(" + clipped + ") FILTER (WHERE state IN ('AVAILABLE', 'BUSY', 'WRAP_UP')), 0), "
                + "coalesce(sum(" + clipped + ") FILTER (WHERE state IN ('BUSY', 'WRAP_UP')), 0) "
                + "FROM agent_state_fact WHERE since < :to AND until > :from"
                + (tenant == null ? "" : " AND tenant = :tenant") + " GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /**
     * Per period of the due time and key: callbacks (回访) due — done, or not done and due before {@code asOf} — and
     * done on time (done at or before due).
     */
    @WithSession
    public Uni<List<Object[]>> followUps(String tenant, Instant from, Instant to, Period period, String dimension,
            Instant asOf) {
        String[] k = FOLLOW_UP_DIMENSIONS.get(dimension);
        if (k == null) {
            return Uni.createFrom().item(List.of());
        }
        String t = tenant == null ? "" : " AND tenant = :tenant";
        String sql = "SELECT p, k, sum(due), sum(on_time) FROM (SELECT " + period.sql("due_at", ZONE)
                + " AS p, coalesce(" + k[0] + ", '') AS k, 1 AS due, CASE WHEN done_at <= due_at THEN 1 ELSE 0 END AS on_time "
                + "FROM follow_up_fact WHERE due_at >= :from AND due_at < :to" + t
                + " UNION ALL SELECT " + period.sql("callback_due_at", ZONE) + ", coalesce(" + k[1] + ", ''), 1, 0 "
                + "FROM work_order_fact WHERE callback_due_at >= :from AND callback_due_at < :to "
                + "AND callback_due_at < :asOf AND callback_at IS NULL" + t + ") x GROUP BY 1, 2 ORDER BY 1, 2";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                    .setParameter("asOf", asOf);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /** Columns of survey_fact per dimension (every call dimension). */
    static final Map<String, String> SURVEY_DIMENSIONS = Map.of("TENANT", "tenant", "QUEUE", "queue_id",
            "REGION", "region_code", "AGENT", "agent_id", "CATEGORY", "category", "CHANNEL", "channel");
    /**
     * Columns of an answer review per dimension: the reviewer's own queue, channel and category when named, else
     * those of the reviewed call (c) and contact (ct) as intake published them.
     */
    static final Map<String, String> REVIEW_DIMENSIONS = Map.of("TENANT", "r.tenant", "AGENT", "r.agent_id",
            "QUEUE", "coalesce(r.queue_id, c.queue_id)", "REGION", "c.region_code",
            "CATEGORY", "coalesce(r.category, c.category)", "CHANNEL", "coalesce(r.channel, ct.channel)");

    /**
     * Per period of the answer and key: survey answers (满意度评分), 满意, 基本满意, 不满意, and the sum of their
     * scores (100 / 80 / 0).
     */
    @WithSession
    public Uni<List<Object[]>> surveys(String tenant, Instant from, Instant to, Period period, String dimension) {
        String k = SURVEY_DIMENSIONS.get(dimension);
        String sql = "SELECT " + period.sql("answered_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, count(*), "
                + "count(*) FILTER (WHERE answer = 'SATISFIED'), count(*) FILTER (WHERE answer = 'BASICALLY_SATISFIED'), "
                + "count(*) FILTER (WHERE answer = 'UNSATISFIED'), coalesce(sum(score), 0) FROM survey_fact "
                + "WHERE answered_at >= :from AND answered_at < :to" + (tenant == null ? "" : " AND tenant = :tenant")
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        return list(sql, tenant, from, to);
    }

    /** Per period of the review and key: answers reviewed (quality sampling) and those judged accurate. */
    @WithSession
    public Uni<List<Object[]>> answerReviews(String tenant, Instant from, Instant to, Period period,
            String dimension) {
        String k = REVIEW_DIMENSIONS.get(dimension);
        String sql = "SELECT " + period.sql("r.reviewed_at", ZONE) + " AS p, coalesce(" + k + ", '') AS k, count(*), "
                + "count(*) FILTER (WHERE r.accurate) FROM answer_review_fact r "
                + "LEFT JOIN call_fact c ON c.call_id = r.call_id "
                + "LEFT JOIN contact_fact ct ON ct.contact_id = r.contact_id "
                + "WHERE r.reviewed_at >= :from AND r.reviewed_at < :to"
                + (tenant == null ? "" : " AND r.tenant = :tenant") + " GROUP BY 1, 2 ORDER BY 1, 2";
        return list(sql, tenant, from, to);
    }

    private static Uni<List<Object[]>> list(String sql, String tenant, Instant from, Instant to) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }
}
