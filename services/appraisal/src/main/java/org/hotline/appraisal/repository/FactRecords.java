package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.appraisal.domain.WorkOrderFact;

/** The records behind a figure (drill-down), in the caller's tenant scope, a page at a time with the total. */
@ApplicationScoped
public class FactRecords {

    private static final Map<String, String> CALL_FIELDS = Map.of("TENANT", "tenant", "QUEUE", "queueId",
            "REGION", "regionCode", "AGENT", "agentId", "CATEGORY", "category");
    private static final Map<String, String> ORDER_FIELDS = Map.of("TENANT", "tenant", "UNIT", "unitId",
            "REGION", "regionCode", "CATEGORY", "category", "CHANNEL", "channel");

    @WithSession
    public Uni<Tuple2<List<CallFact>, Long>> calls(String tenant, Instant from, Instant to, String by, String key,
            int page, int size) {
        StringBuilder q = new StringBuilder("offeredAt >= :from and offeredAt < :to");
        Parameters p = Parameters.with("from", from).and("to", to);
        if (tenant != null) {
            q.append(" and tenant = :tenant");
            p.and("tenant", tenant);
        }
        if (key != null && CALL_FIELDS.containsKey(by)) {
            q.append(" and ").append(CALL_FIELDS.get(by)).append(" = :key");
            p.and("key", key);
        }
        var query = CallFact.<CallFact>find(q.toString(), Sort.by("offeredAt").and("callId"), p);
        return query.count().chain(total -> query.page(Page.of(page, size)).list().map(l -> Tuple2.of(l, total)));
    }

    @WithSession
    public Uni<Tuple2<List<WorkOrderFact>, Long>> workOrders(String tenant, Instant from, Instant to, String by,
            String key, int page, int size) {
        StringBuilder q = new StringBuilder("receivedAt >= :from and receivedAt < :to");
        Parameters p = Parameters.with("from", from).and("to", to);
        if (tenant != null) {
            q.append(" and tenant = :tenant");
            p.and("tenant", tenant);
        }
        if (key != null && ORDER_FIELDS.containsKey(by)) {
            q.append(" and ").append(ORDER_FIELDS.get(by)).append(" = :key");
            p.and("key", key);
        }
        var query = WorkOrderFact.<WorkOrderFact>find(q.toString(), Sort.by("receivedAt").and("workOrderId"), p);
        return query.count().chain(total -> query.page(Page.of(page, size)).list().map(l -> Tuple2.of(l, total)));
    }

    /** Columns of evaluation_fact per dimension (the evaluation figures' own). */
    private static final Map<String, String> EVALUATION_COLUMNS = Map.of("TENANT", "tenant", "UNIT", "unit_id",
            "REGION", "region_code", "CATEGORY", "category");

    /**
     * The evaluations behind an evaluation figure: those that count (the latest round of each order) submitted in
     * [from, to), as rows of (evaluation id, tenant, work order id, unit, region, category, round, complainant
     * verdict, evaluator verdict, outcome, late, submitted at), with the total.
     */
    @WithSession
    public Uni<Tuple2<List<Object[]>, Long>> evaluations(String tenant, Instant from, Instant to, String by,
            String key, int page, int size) {
        String keyed = key != null && EVALUATION_COLUMNS.containsKey(by) ? EVALUATION_COLUMNS.get(by) : null;
        String where = " FROM evaluation_fact e WHERE submitted_at >= :from AND submitted_at < :to"
                + (tenant == null ? "" : " AND tenant = :tenant")
                + (keyed == null ? "" : " AND " + keyed + " = :key")
                + " AND NOT EXISTS (SELECT 1 FROM evaluation_fact l WHERE l.work_order_id = e.work_order_id "
                + "AND l.round > e.round)";
        return nativePage("SELECT evaluation_id, tenant, work_order_id, unit_id, region_code, category, round, "
                + "complainant_verdict, evaluator_verdict, outcome, late, submitted_at", where,
                "submitted_at, evaluation_id", tenant, from, to, keyed == null ? null : key, page, size);
    }

    /**
     * The survey answers behind a 满意度评分 figure of {@code /kpis/calls} (same dimension and key), as rows of
     * (contact id, tenant, call id, agent, queue, region, channel, category, answer, score, answered at).
     */
    @WithSession
    public Uni<Tuple2<List<Object[]>, Long>> surveys(String tenant, Instant from, Instant to, String by,
            String key, int page, int size) {
        String keyed = key == null ? null : AgentKpiQueries.SURVEY_DIMENSIONS.get(by);
        String where = " FROM survey_fact WHERE answered_at >= :from AND answered_at < :to"
                + (tenant == null ? "" : " AND tenant = :tenant")
                + (keyed == null ? "" : " AND coalesce(" + keyed + ", '') = :key");
        return nativePage("SELECT contact_id, tenant, call_id, agent_id, queue_id, region_code, channel, category, "
                + "answer, score, answered_at", where, "answered_at, contact_id", tenant, from, to,
                keyed == null ? null : key, page, size);
    }

    /**
     * The answer reviews behind a 解答准确率 figure of {@code /kpis/calls} (same dimension and key, the reviewed call's
     * queue, region and category where the review names none), as rows of (review id, tenant, contact id, call id,
     * agent, queue, region, channel, category, accurate, expected article id, reviewed at).
     */
    @WithSession
    public Uni<Tuple2<List<Object[]>, Long>> answerReviews(String tenant, Instant from, Instant to, String by,
            String key, int page, int size) {
        var dimensions = AgentKpiQueries.REVIEW_DIMENSIONS;
        String keyed = key == null ? null : dimensions.get(by);
        String where = " FROM answer_review_fact r LEFT JOIN call_fact c ON c.call_id = r.call_id "
                + "LEFT JOIN contact_fact ct ON ct.contact_id = r.contact_id "
                + "WHERE r.reviewed_at >= :from AND r.reviewed_at < :to"
                + (tenant == null ? "" : " AND r.tenant = :tenant")
                + (keyed == null ? "" : " AND coalesce(" + keyed + ", '') = :key");
        return nativePage("SELECT r.review_id, r.tenant, r.contact_id, r.call_id, r.agent_id, "
                + dimensions.get("QUEUE") + ", " + dimensions.get("REGION") + ", " + dimensions.get("CHANNEL") + ", "
                + dimensions.get("CATEGORY") + ", r.accurate, r.expected_article_id, r.reviewed_at", where,
                "r.reviewed_at, r.review_id", tenant, from, to, keyed == null ? null : key, page, size);
    }

    /** One page of a native query's rows ({@code select + where + order}) with the total, parameters bound alike. */
    private static Uni<Tuple2<List<Object[]>, Long>> nativePage(String select, String where, String order,
            String tenant, Instant from, Instant to, String key, int page, int size) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> {
            var count = s.createNativeQuery("SELECT count(*)" + where, Long.class);
            var rows = s.createNativeQuery(select + where + " ORDER BY " + order + " LIMIT :size OFFSET :offset",
                    Object[].class);
            for (var q : List.of(count, rows)) {
                q.setParameter("from", from).setParameter("to", to);
                if (tenant != null) {
                    q.setParameter("tenant", tenant);
                }
                if (key != null) {
                    q.setParameter("key", key);
                }
            }
            rows.setParameter("size", size).setParameter("offset", (long) page * size);
            return count.getSingleResult().chain(total -> rows.getResultList().map(l -> Tuple2.of(l, total)));
        });
    }
}
