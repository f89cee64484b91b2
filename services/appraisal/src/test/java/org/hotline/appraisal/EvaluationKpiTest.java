package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline.appraisal.service.EvaluationFacts;
import org.hotline.contracts.evaluation.v1.AuditCallScored;
import org.hotline.contracts.evaluation.v1.CallAnswer;
import org.hotline.contracts.evaluation.v1.EvaluationOutcome;
import org.hotline.contracts.evaluation.v1.EvaluationSubmitted;
import org.hotline.contracts.evaluation.v1.ReworkRequested;
import org.hotline.contracts.evaluation.v1.Verdict;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Evaluation's typed facts give hand-computed evaluation KPIs: the latest round counts, disputes, test calls. */
@QuarkusTest
class EvaluationKpiTest {

    @Inject
    EvaluationFacts evaluation;

    private Instant day;
    private final String unit = "unit-" + UUID.randomUUID();
    private final List<FeedEvent> feed = new ArrayList<>();

    private void submitted(String order, int round, Verdict complainant, Verdict evaluator, EvaluationOutcome outcome,
            boolean late) {
        String id = UUID.randomUUID().toString();
        feed.add(Feeds.event("evaluation", "evaluation.evaluation.submitted", "37", id, day.plusSeconds(round * 3600L),
                EvaluationSubmitted.newBuilder().setEvaluationId(id).setWorkOrderId(order).setRound(round)
                        .setComplainantVerdict(complainant).setEvaluatorVerdict(evaluator).setOutcome(outcome)
                        .setLate(late).setCounts(true).setUnitId(unit).setRegionCode("420100").setCategory("FEEDBACK")
                        .setSubmittedAt(day.plusSeconds(round * 3600L).toString()).build()));
    }

    private void testCall(boolean passed, CallAnswer answer) {
        String id = UUID.randomUUID().toString();
        feed.add(Feeds.event("evaluation", "evaluation.audit-call.scored", "37", id, day.plusSeconds(7200),
                AuditCallScored.newBuilder().setCallId(id).setCampaignId("c1").setUnitId(unit).setRegionCode("420100")
                        .setAnswer(answer).setPassed(passed).setCalledAt(day.plusSeconds(7000).toString()).build()));
    }

    @Test
    void latestRoundsDisputesReworkAndTestCallsPerUnit() throws Throwable {
        day = Feeds.freshDay();
        String w1 = UUID.randomUUID().toString();
        // W1: both unsatisfied -> rework; after rework both satisfied (round 2 is the one that counts).
        submitted(w1, 1, Verdict.UNSATISFIED, Verdict.UNSATISFIED, EvaluationOutcome.REWORK, false);
        String action = UUID.randomUUID().toString();
        feed.add(Feeds.event("evaluation", "evaluation.rework.requested", "37", action, day.plusSeconds(3700),
                ReworkRequested.newBuilder().setActionId(action).setWorkOrderId(w1).setUnitId(unit)
                        .setRegionCode("420100").setCategory("FEEDBACK").setTrigger("EVALUATION")
                        .setRequestedAt(day.plusSeconds(3700).toString()).build()));
        submitted(w1, 2, Verdict.SATISFIED, Verdict.SATISFIED, EvaluationOutcome.NO_ACTION, false);
        // W2: the verdicts disagree -> a dispute for the hearing.
        submitted(UUID.randomUUID().toString(), 1, Verdict.SATISFIED, Verdict.UNSATISFIED, EvaluationOutcome.HEARING,
                false);
        // W3: basically satisfied, submitted late.
        submitted(UUID.randomUUID().toString(), 1, Verdict.BASICALLY_SATISFIED, Verdict.SATISFIED,
                EvaluationOutcome.NO_ACTION, true);
        testCall(true, CallAnswer.ANSWERED);
        testCall(true, CallAnswer.ANSWERED);
        testCall(true, CallAnswer.ANSWERED);
        testCall(false, CallAnswer.DEAD_NUMBER);
        Feeds.apply(evaluation, feed, 3);

        String u = "rows.find { it.key == '" + unit + "' }.";
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("by", "UNIT")
                .queryParam("period", "ALL").queryParam("from", day.toString())
                .queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/evaluations").then().statusCode(200)
                .body(u + "evaluations", equalTo(3)).body(u + "complainantSatisfied", equalTo(3))
                .body(u + "satisfactionRate", equalTo(1.0f)).body(u + "evaluatorSatisfied", equalTo(2))
                .body(u + "disputes", equalTo(1)).body(u + "disputeRate", equalTo(0.333333f))
                .body(u + "lateEvaluations", equalTo(1)).body(u + "reworkRequested", equalTo(1))
                .body(u + "supervisionRequested", equalTo(0)).body(u + "auditCalls", equalTo(4))
                .body(u + "auditPassed", equalTo(3)).body(u + "auditPassRate", equalTo(0.75f))
                .body(u + "deadNumbers", equalTo(1));
        // Drill-down: the three evaluations that count (W1's second round, not its first), in submission order.
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("by", "UNIT")
                .queryParam("key", unit).queryParam("from", day.toString())
                .queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/evaluations/records").then().statusCode(200)
                .body("total", equalTo(3)).body("items.size()", equalTo(3))
                .body("items.workOrderId", org.hamcrest.Matchers.hasItem(w1))
                .body("items.find { it.workOrderId == '" + w1 + "' }.round", equalTo(2))
                .body("items.find { it.workOrderId == '" + w1 + "' }.complainantVerdict", equalTo("SATISFIED"))
                .body("items.find { it.outcome == 'HEARING' }.evaluatorVerdict", equalTo("UNSATISFIED"))
                .body("items.find { it.late }.complainantVerdict", equalTo("BASICALLY_SATISFIED"));
        // Another province's leader gets none of them (and may not name Shandong).
        given().header("Authorization", TestTokens.bearer("leader", "42")).queryParam("by", "UNIT")
                .queryParam("key", unit).queryParam("from", day.toString())
                .queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/evaluations/records").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", TestTokens.bearer("leader", "42")).queryParam("by", "UNIT")
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/evaluations").then().statusCode(200).body("rows.size()", equalTo(0));
    }
}
