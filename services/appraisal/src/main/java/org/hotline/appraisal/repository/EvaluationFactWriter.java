package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hotline.contracts.evaluation.v1.AnswerReviewed;
import org.hotline.contracts.evaluation.v1.AuditCallScored;
import org.hotline.contracts.evaluation.v1.EvaluationSubmitted;
import org.hotline.contracts.evaluation.v1.HearingItemDecided;
import org.hotline.contracts.evaluation.v1.ReworkRequested;
import org.hotline.contracts.evaluation.v1.SupervisionRequested;
import org.hotline.events.consumer.FeedEvent;

/**
 * Writes evaluation's typed facts, one row per record, in the feed handler's transaction. Upserts keyed by the
 * record's id make a redelivered or corrected fact replace the earlier one, so a replay gives the same rows.
 */
@ApplicationScoped
public class EvaluationFactWriter {

    public Uni<Void> write(FeedEvent event) {
        String t = event.tenant();
        if (event.is(EvaluationSubmitted.class)) {
            EvaluationSubmitted p = event.payload(EvaluationSubmitted.class);
            return exec("INSERT INTO evaluation_fact (evaluation_id, tenant, work_order_id, unit_id, region_code, "
                    + "category, round, complainant_verdict, evaluator_verdict, outcome, late, submitted_at) VALUES "
                    + "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (evaluation_id) DO UPDATE SET "
                    + "round = excluded.round, complainant_verdict = excluded.complainant_verdict, evaluator_verdict = "
                    + "excluded.evaluator_verdict, outcome = excluded.outcome, late = excluded.late, "
                    + "unit_id = excluded.unit_id", p.getEvaluationId(), t, p.getWorkOrderId(), p.getUnitId(),
                    p.getRegionCode(), p.getCategory(), p.getRound(), p.getComplainantVerdict().name(),
                    p.getEvaluatorVerdict().name(), p.getOutcome().name(), p.getLate(),
                    at(p.getSubmittedAt(), event));
        }
        if (event.is(ReworkRequested.class)) {
            ReworkRequested p = event.payload(ReworkRequested.class);
            return action(p.getActionId(), t, "REWORK", p.getWorkOrderId(), p.getUnitId(), p.getRegionCode(),
                    p.getCategory(), at(p.getRequestedAt(), event));
        }
        if (event.is(SupervisionRequested.class)) {
            SupervisionRequested p = event.payload(SupervisionRequested.class);
            return action(p.getActionId(), t, "SUPERVISION", p.getWorkOrderId(), p.getUnitId(), p.getRegionCode(),
                    p.getCategory(), at(p.getRequestedAt(), event));
        }
        if (event.is(HearingItemDecided.class)) {
            HearingItemDecided p = event.payload(HearingItemDecided.class);
            return exec("INSERT INTO hearing_item_fact (item_id, tenant, kind, unit_id, region_code, outcome, decided_at) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (item_id) DO UPDATE SET outcome = excluded.outcome",
                    p.getItemId(), t, p.getKind(), p.getUnitId(), p.getRegionCode(), p.getOutcome(),
                    at(p.getDecidedAt(), event));
        }
        if (event.is(AuditCallScored.class)) {
            AuditCallScored p = event.payload(AuditCallScored.class);
            return exec("INSERT INTO audit_call_fact (call_id, tenant, campaign_id, unit_id, region_code, answer, passed, "
                    + "called_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (call_id) DO UPDATE SET "
                    + "answer = excluded.answer, passed = excluded.passed", p.getCallId(), t, p.getCampaignId(),
                    p.getUnitId(), p.getRegionCode(), p.getAnswer().name(), p.getPassed(),
                    at(p.getCalledAt().isEmpty() ? p.getScoredAt() : p.getCalledAt(), event));
        }
        if (event.is(AnswerReviewed.class)) {
            // 解答准确率: one verdict per review (evaluation keeps one review per contact and tenant).
            AnswerReviewed p = event.payload(AnswerReviewed.class);
            return exec("INSERT INTO answer_review_fact (review_id, tenant, contact_id, call_id, agent_id, queue_id, "
                    + "channel, category, accurate, expected_article_id, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                    + "?7, ?8, ?9, ?10, ?11) ON CONFLICT (review_id) DO NOTHING", p.getReviewId(), t,
                    p.getContactId(), p.getCallId(), p.getAgentId(), p.getQueueId(), p.getChannel(), p.getCategory(),
                    p.getAccurate(), p.getExpectedArticleId(), at(p.getReviewedAt(), event));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> action(String id, String tenant, String kind, String order, String unit, String region,
            String category, Instant at) {
        return exec("INSERT INTO evaluation_action_fact (action_id, tenant, kind, work_order_id, unit_id, region_code, "
                + "category, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (action_id) DO NOTHING",
                id, tenant, kind, order, unit, region, category, at);
    }

    private static Instant at(String value, FeedEvent event) {
        return value == null || value.isEmpty() ? event.occurredAt() : Instant.parse(value);
    }

    private static Uni<Void> exec(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                Object v = params[i];
                // Empty strings are absent values; nulls would leave PostgreSQL guessing their type.
                q.setParameter(i + 1, v instanceof String str && str.isEmpty() ? null : v);
            }
            return q.executeUpdate();
        }).replaceWithVoid();
    }
}
