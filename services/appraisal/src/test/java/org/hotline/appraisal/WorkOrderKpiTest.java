package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.service.EvaluationFacts;
import org.hotline.appraisal.service.IntakeFacts;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Known work-order sequences give hand-computed work-order KPIs exactly (late still-open orders count as late at
 * asOf), and replaying every feed from zero into empty fact tables reproduces every figure.
 */
@QuarkusTest
class WorkOrderKpiTest {

    @Inject
    RoutingFacts routing;
    @Inject
    EvaluationFacts evaluation;
    @Inject
    IntakeFacts intake;

    private final List<FeedEvent> routingFeed = new ArrayList<>();
    private final List<FeedEvent> evaluationFeed = new ArrayList<>();
    private final List<FeedEvent> intakeFeed = new ArrayList<>();

    private Instant day;
    private final String unit1 = UUID.randomUUID().toString();
    private final String unit2 = UUID.randomUUID().toString();

    private void fact(String fact, String order, int hour, String status, String unit, int dueHour,
            Map<String, String> details, String satisfaction, int reopens) {
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder().setWorkOrderId(order).setStatus(status)
                .setCategory("FEEDBACK").setChannel("PHONE").setRegionCode("370300").setPoolingRegionCode("370300")
                .setReceivedAt(day.toString()).setReopenCount(reopens).putAllDetails(details);
        if (unit != null) {
            b.setUnitId(unit).setFirstResponsibleUnitId(unit);
        }
        if (dueHour > 0) {
            b.setDueAt(day.plusSeconds(dueHour * 3600L).toString());
        }
        if (satisfaction != null) {
            b.setSatisfaction(satisfaction);
        }
        routingFeed.add(Feeds.event("routing", "routing.work-order." + fact, "37", order,
                day.plusSeconds(hour * 3600L), b.build()));
    }

    private void evaluated(String order, int score) {
        String id = UUID.randomUUID().toString();
        evaluationFeed.add(Feeds.event("evaluation", "evaluation.evaluation.recorded", "37", id, day.plusSeconds(90_000),
                EvaluationRecorded.newBuilder().setEvaluationId(id).setWorkOrderId(order).setVerdict("SATISFIED")
                        .setScore(score).setRegionCode("370300").build()));
    }

    private void scenario() {
        day = Feeds.freshDay();
        String w1 = UUID.randomUUID().toString();
        String w2 = UUID.randomUUID().toString();
        String w3 = UUID.randomUUID().toString();
        String w4 = UUID.randomUUID().toString();
        String w5 = UUID.randomUUID().toString();
        // W1: replied on time, callback satisfied.
        fact("created", w1, 0, "DISPATCHED", unit1, 48, Map.of(), null, 0);
        fact("replied", w1, 24, "REPLIED", unit1, 48, Map.of("onTime", "true"), null, 0);
        fact("callback-done", w1, 30, "CALLBACK_DONE", unit1, 48, Map.of(), "SATISFIED", 0);
        // W2: replied late, callback unsatisfied, reopened with a fresh deadline (not yet due at asOf).
        fact("created", w2, 0, "DISPATCHED", unit1, 24, Map.of(), null, 0);
        fact("replied", w2, 30, "REPLIED", unit1, 24, Map.of("onTime", "false"), null, 0);
        fact("callback-done", w2, 31, "DISPATCHED", unit1, 24, Map.of(), "UNSATISFIED", 0);
        fact("reopened", w2, 32, "DISPATCHED", unit1, 120, Map.of("source", "CALLBACK"), "UNSATISFIED", 1);
        // W3: still open past its deadline at asOf (day + 72 h): late.
        fact("created", w3, 0, "DISPATCHED", unit1, 24, Map.of(), null, 0);
        fact("accepted", w3, 1, "ACCEPTED", unit1, 24, Map.of(), null, 0);
        // W4: open, not yet due: neither on time nor late.
        fact("created", w4, 0, "DISPATCHED", unit1, 240, Map.of(), null, 0);
        // W5: pooled, claimed by unit 2, which asks to return it and is refused (an improper return).
        fact("created", w5, 0, "POOLED", null, 48, Map.of(), null, 0);
        fact("claimed", w5, 1, "CLAIMED", unit2, 48, Map.of(), null, 0);
        fact("return-requested", w5, 2, "RETURN_REQUESTED", unit2, 48, Map.of("fromUnitId", unit2), null, 0);
        fact("return-refused", w5, 3, "CLAIMED", unit2, 48, Map.of("countsAgainstUnitId", unit2), null, 0);
        evaluated(w1, 4);
        evaluated(w2, 2);
    }

    private RequestSpecification leader() {
        return leader(day.plusSeconds(72 * 3600));
    }

    private RequestSpecification leader(Instant asOf) {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .queryParam("asOf", asOf.toString());
    }

    @Test
    void unitFiguresMatchTheHandComputedValues() throws Throwable {
        scenario();
        Feeds.apply(routing, routingFeed, 4);
        Feeds.apply(evaluation, evaluationFeed, 10);
        String u1 = "rows.find { it.key == '" + unit1 + "' }.";
        String u2 = "rows.find { it.key == '" + unit2 + "' }.";
        leader().queryParam("by", "UNIT").queryParam("period", "ALL").when().get("/api/v1/kpis/work-orders")
                .then().statusCode(200)
                .body(u1 + "received", equalTo(4)).body(u1 + "replied", equalTo(1))
                .body(u1 + "repliedOnTime", equalTo(1)).body(u1 + "repliedLate", equalTo(0))
                .body(u1 + "openPastDeadline", equalTo(1)).body(u1 + "onTimeRate", equalTo(0.5))
                .body(u1 + "callbacksRated", equalTo(2)).body(u1 + "satisfied", equalTo(1))
                .body(u1 + "resolutionRate", equalTo(0.5))
                .body(u1 + "evaluations", equalTo(2)).body(u1 + "attitudeScore", equalTo(3.0))
                .body(u1 + "reopened", equalTo(1)).body(u1 + "reopenRate", equalTo(0.5))
                .body(u1 + "returnsRequested", equalTo(0))
                .body(u2 + "received", equalTo(1)).body(u2 + "pooled", equalTo(1))
                .body(u2 + "claimed", equalTo(1)).body(u2 + "claimTakeUp", equalTo(1.0))
                .body(u2 + "returnsRequested", equalTo(1)).body(u2 + "improperReturns", equalTo(1))
                .body(u2 + "returnsPerHundredOrders", equalTo(100.0));
        // Before W3's deadline passes it is neither late nor on time.
        leader(day.plusSeconds(3600)).queryParam("by", "UNIT").queryParam("period", "ALL")
                .when().get("/api/v1/kpis/work-orders").then().statusCode(200)
                .body(u1 + "openPastDeadline", equalTo(0)).body(u1 + "onTimeRate", equalTo(1.0));
        leader().queryParam("by", "UNIT").queryParam("key", unit1).when().get("/api/v1/kpis/work-orders/records")
                .then().statusCode(200).body("total", equalTo(4));
    }

    @Test
    void replayingEveryFeedFromZeroReproducesEveryFigure() throws Throwable {
        scenario();
        String queue = "3703" + String.format("%02d", (int) (Math.random() * 100));
        for (int i = 0; i < 6; i++) {
            String id = "call-" + UUID.randomUUID();
            Instant offered = day.plusSeconds(8 * 3600 + i * 600L);
            intakeFeed.add(Feeds.event("intake", i % 3 == 0 ? "intake.call.abandoned" : "intake.call.ended", "37", id,
                    offered, Feeds.struct(i % 3 == 0
                            ? Map.of("call_id", id, "region_code", queue, "offered_at", offered.toString(),
                                    "abandoned_at", offered.plusSeconds(4L * i + 2).toString())
                            : Map.of("call_id", id, "region_code", queue, "offered_at", offered.toString(),
                                    "answered_at", offered.plusSeconds(7L * i).toString(),
                                    "ended_at", offered.plusSeconds(7L * i + 100).toString(), "agent_id", "agent-" + i))));
        }
        newerFacts(queue);
        Feeds.apply(routing, routingFeed, 3);
        Feeds.apply(evaluation, evaluationFeed, 1);
        Feeds.apply(intake, intakeFeed, 2);
        List<String> before = everyFigure();
        // The newer facts are in the figures (so the comparison below is not between empty answers).
        leader().queryParam("by", "TENANT").queryParam("period", "ALL").when().get("/api/v1/kpis/calls").then()
                .body("rows[0].fcrEligible", equalTo(2)).body("rows[0].fcrResolved", equalTo(1))
                .body("rows[0].onDutySeconds", equalTo(1200.0)).body("rows[0].followUpsDue", equalTo(1))
                .body("rows[0].satisfactionScore", equalTo(90.0)).body("rows[0].answerAccuracy", equalTo(0.5));
        leader().when().get("/api/v1/hotspots").then().body("items.find { it.kind == 'ESTATE' }.count", equalTo(6));

        // An empty database: every derived table emptied, then each feed applied again from its first event.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("TRUNCATE call_fact, callback_fact, work_order_fact, work_order_return_fact, "
                        + "kpi_fact, kpi_count, contact_fact, agent_state_fact, complaint_fact, follow_up_fact, survey_fact, "
                        + "answer_review_fact")
                .executeUpdate())));
        assertEquals(0, ((Number) leader().queryParam("by", "UNIT").queryParam("period", "ALL").when()
                .get("/api/v1/kpis/work-orders").then().extract().path("rows.size()")).intValue());
        Feeds.apply(routing, replayed(routingFeed), 250);
        Feeds.apply(evaluation, replayed(evaluationFeed), 250);
        Feeds.apply(intake, replayed(intakeFeed), 250);
        assertEquals(before, everyFigure());
    }

    /**
     * Facts of the later KPIs: one caller (pseudonymous key) calling twice on one category (first-contact
     * resolution), an agent's states (occupancy), a callback done (回访执行率), six complaints about one estate.
     */
    private void newerFacts(String queue) {
        String key = UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 2; i++) {
            String contact = UUID.randomUUID().toString();
            String call = "call-" + UUID.randomUUID();
            Instant offered = day.plusSeconds(10 * 3600 + i * 3600L);
            intakeFeed.add(Feeds.event("intake", "intake.contact.registered", "37", contact, offered,
                    ContactRegistered.newBuilder().setContactId(contact).setChannel("PHONE").setTenant("37")
                            .setCallerKey(key).setRegisteredAt(offered.toString()).build()));
            intakeFeed.add(Feeds.event("intake", "intake.call.offered", "37", call, offered, CallOffered.newBuilder()
                    .setCallId(call).setContactId(contact).setQueueId(queue).setRegionCode(queue)
                    .setOfferedAt(offered.toString()).build()));
            intakeFeed.add(Feeds.event("intake", "intake.call.ended", "37", call, offered.plusSeconds(200),
                    CallEnded.newBuilder().setCallId(call).setQueueId(queue).setRegionCode(queue).setAgentId("agent-9")
                            .setOfferedAt(offered.toString()).setAnsweredAt(offered.plusSeconds(5).toString())
                            .setEndedAt(offered.plusSeconds(200).toString()).setWaitSeconds(5).setHandleSeconds(195)
                            .setCategory(org.hotline.common.v1.ServiceCategory.POLICY_ANSWER).build()));
            // 满意度评分 and 解答准确率: the caller rates the contact; a quality reviewer judges the agent's answer.
            intakeFeed.add(Feeds.event("intake", "intake.survey.answered", "37", contact, offered.plusSeconds(260),
                    org.hotline.contracts.intake.v1.SurveyAnswered.newBuilder().setContactId(contact).setTenant("37")
                            .setCallId(call).setAgentId("agent-9").setQueueId(queue).setRegionCode(queue)
                            .setChannel("PHONE").setAnswer(i == 0 ? "SATISFIED" : "BASICALLY_SATISFIED")
                            .setScore(i == 0 ? 100 : 80).setAnsweredAt(offered.plusSeconds(260).toString()).build()));
            String review = UUID.randomUUID().toString();
            evaluationFeed.add(Feeds.event("evaluation", "evaluation.answer.reviewed", "37", review,
                    offered.plusSeconds(3000), org.hotline.contracts.evaluation.v1.AnswerReviewed.newBuilder()
                            .setReviewId(review).setContactId(contact).setCallId(call).setAgentId("agent-9")
                            .setAccurate(i == 0).setReviewedAt(offered.plusSeconds(3000).toString()).build()));
        }
        intakeFeed.add(Feeds.event("intake", "intake.agent.state-changed", "37", "agent-9", day.plusSeconds(37_200),
                AgentStateChanged.newBuilder().setAgentId("agent-9").setQueueId(queue).setState("AVAILABLE")
                        .setPreviousState("BUSY").setPreviousQueueId(queue)
                        .setPreviousSince(day.plusSeconds(36_000).toString())
                        .setChangedAt(day.plusSeconds(37_200).toString()).build()));
        String order = UUID.randomUUID().toString();
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder().setWorkOrderId(order).setCategory("OPINION")
                .setChannel("WEB").setRegionCode("370300").setPoolingRegionCode("370300").setReceivedAt(day.toString())
                .setCallbackDueAt(day.plusSeconds(20 * 3600).toString());
        routingFeed.add(Feeds.event("routing", "routing.work-order.replied", "37", order, day.plusSeconds(3600),
                b.clone().setStatus("REPLIED").build()));
        routingFeed.add(Feeds.event("routing", "routing.work-order.callback-done", "37", order,
                day.plusSeconds(5 * 3600), b.clone().setStatus("CALLBACK_DONE").setCallbackAgentId("agent-9").build()));
        for (int i = 0; i < 6; i++) {
            String id = UUID.randomUUID().toString();
            routingFeed.add(Feeds.event("routing", "routing.work-order.created", "37", id, day.plusSeconds(i * 600L),
                    WorkOrderEvent.newBuilder().setWorkOrderId(id).setStatus("DISPATCHED").setCategory("FEEDBACK")
                            .setChannel("PHONE").setRegionCode("370300").setPoolingRegionCode("370300")
                            .setReceivedAt(day.plusSeconds(i * 600L).toString())
                            .setSubjectAddress(i % 2 == 0 ? "张店区幸福小区" + i + "号楼" : "幸福花园小区")
                            .setSummary("小区门口药店不让用医保卡").build()));
        }
    }

    /** The same events as the producer still holds them (same ids and order), delivered again. */
    private static List<FeedEvent> replayed(List<FeedEvent> feed) {
        return feed.stream().map(e -> new FeedEvent(e.feed(), EventEnvelope.newBuilder(e.envelope()).build())).toList();
    }

    private List<String> everyFigure() {
        List<String> all = new ArrayList<>();
        for (String by : List.of("TENANT", "UNIT", "REGION", "CATEGORY", "CHANNEL")) {
            for (String period : List.of("HALF_HOUR", "DAY", "ALL")) {
                all.add(leader().queryParam("by", by).queryParam("period", period).queryParam("settingsVersion", 0)
                        .when().get("/api/v1/kpis/work-orders").then().statusCode(200).extract().asString());
            }
        }
        for (String by : List.of("TENANT", "QUEUE", "REGION", "AGENT", "CATEGORY", "CHANNEL")) {
            for (String period : List.of("HALF_HOUR", "DAY")) {
                all.add(leader().queryParam("by", by).queryParam("period", period).queryParam("settingsVersion", 0)
                        .when().get("/api/v1/kpis/calls").then().statusCode(200).extract().asString());
            }
        }
        all.add(leader().when().get("/api/v1/hotspots").then().statusCode(200).extract().jsonPath().getList("items")
                .toString());
        return all;
    }
}
