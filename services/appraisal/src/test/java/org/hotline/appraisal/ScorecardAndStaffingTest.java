package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.service.EvaluationFacts;
import org.hotline.appraisal.service.IntakeFacts;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Weighted scorecards with grades and ranks (and CSV), staffing per queue with its forecast, and the SVG charts. */
@QuarkusTest
class ScorecardAndStaffingTest {

    @Inject
    RoutingFacts routing;
    @Inject
    EvaluationFacts evaluation;
    @Inject
    IntakeFacts intake;

    private RequestSpecification leader(Instant day) {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .queryParam("asOf", day.plusSeconds(86_400 * 3).toString());
    }

    /** An order of {@code unit} replied (on time or not), rated by callback and scored by an evaluator. */
    private void order(List<FeedEvent> orders, List<FeedEvent> evaluations, Instant day, String unit, boolean onTime,
            boolean satisfied, int score) {
        String id = UUID.randomUUID().toString();
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder().setWorkOrderId(id).setCategory("FEEDBACK")
                .setChannel("WEB").setRegionCode("370300").setUnitId(unit).setReceivedAt(day.toString())
                .setDueAt(day.plusSeconds(86_400).toString());
        orders.add(Feeds.event("routing", "routing.work-order.created", "37", id, day, b.setStatus("DISPATCHED").build()));
        orders.add(Feeds.event("routing", "routing.work-order.replied", "37", id, day.plusSeconds(3600),
                b.setStatus("REPLIED").putDetails("onTime", String.valueOf(onTime)).build()));
        orders.add(Feeds.event("routing", "routing.work-order.callback-done", "37", id, day.plusSeconds(7200),
                b.setStatus("CALLBACK_DONE").setSatisfaction(satisfied ? "SATISFIED" : "UNSATISFIED").build()));
        String e = UUID.randomUUID().toString();
        evaluations.add(Feeds.event("evaluation", "evaluation.evaluation.recorded", "37", e, day.plusSeconds(9000),
                EvaluationRecorded.newBuilder().setEvaluationId(e).setWorkOrderId(id).setVerdict("SATISFIED")
                        .setScore(score).setRegionCode("370300").build()));
    }

    @Test
    void unitsAreScoredGradedRankedAndExported() throws Throwable {
        Instant day = Feeds.freshDay();
        String good = "unit-good-" + UUID.randomUUID();
        String poor = "unit-poor-" + UUID.randomUUID();
        List<FeedEvent> orders = new ArrayList<>();
        List<FeedEvent> evaluations = new ArrayList<>();
        order(orders, evaluations, day, good, true, true, 5);
        order(orders, evaluations, day, good, true, true, 5);
        order(orders, evaluations, day, poor, true, true, 3);
        order(orders, evaluations, day, poor, false, false, 3);
        Feeds.apply(routing, orders, 50);
        Feeds.apply(evaluation, evaluations, 50);

        // Default weights 0.3 on-time, 0.3 resolution, 0.2 attitude (the call KPIs have no unit): poor unit =
        // (0.3·50 + 0.3·50 + 0.2·60) / 0.8 = 52.5, below 75: FAILING.
        leader(day).queryParam("by", "UNIT").queryParam("settingsVersion", 0).when().get("/api/v1/scorecards")
                .then().statusCode(200)
                .body("rows[0].key", equalTo(good)).body("rows[0].rank", equalTo(1))
                .body("rows[0].composite", equalTo(100.0)).body("rows[0].grade", equalTo("GOOD"))
                .body("rows[1].key", equalTo(poor)).body("rows[1].rank", equalTo(2))
                .body("rows[1].onTimeRate", equalTo(50.0)).body("rows[1].resolutionRate", equalTo(50.0))
                .body("rows[1].attitude", equalTo(60.0)).body("rows[1].answerRate", nullValue())
                .body("rows[1].composite", equalTo(52.5)).body("rows[1].grade", equalTo("FAILING"));

        // A tenant's own weights and bands, as a new settings version.
        int version = given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .contentType("application/json")
                .body(Map.of("scorecardWeights", Map.of("onTimeRate", 1.0),
                        "gradeBands", List.of(Map.of("min", 50, "grade", "合格"), Map.of("min", 0, "grade", "不合格"))))
                .when().put("/api/v1/kpi-settings").then().statusCode(200).extract().path("version");
        leader(day).queryParam("by", "UNIT").queryParam("settingsVersion", version).when().get("/api/v1/scorecards")
                .then().statusCode(200).body("rows[1].composite", equalTo(50.0)).body("rows[1].grade", equalTo("合格"));

        String csv = leader(day).queryParam("by", "UNIT").queryParam("settingsVersion", 0).queryParam("format", "csv")
                .when().get("/api/v1/scorecards").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(
                "rank,key,onTimeRate,resolutionRate,attitude,answerRate,serviceLevel,satisfactionScore,answerAccuracy,"
                        + "composite,grade\r\n"
                        + "1," + good + ",100.0,100.0,100.0,,,,,100.0,GOOD\r\n"
                        + "2," + poor + ",50.0,50.0,60.0,,,,,52.5,FAILING\r\n", csv);
        leader(day).queryParam("by", "UNIT").when().get("/api/v1/charts/scorecard.svg").then().statusCode(200)
                .contentType(startsWith("image/svg+xml")).body(containsString("#1 " + good));
        given().header("Authorization", TestTokens.bearer("leader", "42")).queryParam("tenant", "37")
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/scorecards").then().statusCode(403);
    }

    @Test
    void aQueuesHalfHoursAndTheForecastNeedTheErlangAgents() throws Throwable {
        Instant target = Feeds.freshDay(); // midnight UTC; the forecast's day starts at midnight in Asia/Shanghai
        java.time.LocalDate day = target.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(1);
        Instant dayStart = day.atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
        String queue = "37" + (1000 + (int) (Math.random() * 8999));
        List<FeedEvent> calls = new ArrayList<>();
        // 100 calls of 180 s in the half-hour starting 08:00 (Beijing) on the same weekday of the two previous weeks.
        for (int week = 1; week <= 2; week++) {
            Instant slot = dayStart.plusSeconds(8 * 3600 - week * 7L * 86_400);
            for (int i = 0; i < 100; i++) {
                String id = "call-" + UUID.randomUUID();
                Instant offered = slot.plusSeconds(i * 17L);
                calls.add(Feeds.event("intake", "intake.call.ended", "37", id, offered, Feeds.struct(Map.of(
                        "call_id", id, "region_code", queue, "offered_at", offered.toString(),
                        "answered_at", offered.plusSeconds(5).toString(),
                        "ended_at", offered.plusSeconds(185).toString(), "agent_id", "agent-" + (i % 14)))));
            }
        }
        // One agent in that queue during the first week's half-hour: on duty all 30 minutes, busy or wrapping up 15.
        Instant slot = dayStart.plusSeconds(8 * 3600 - 7L * 86_400);
        String[][] states = { { "LOGGED_IN", "AVAILABLE", "0" }, { "AVAILABLE", "BUSY", "600" },
            { "BUSY", "WRAP_UP", "1200" }, { "WRAP_UP", "AVAILABLE", "1500" }, { "AVAILABLE", "LOGGED_OUT", "1800" } };
        String agent = "agent-" + UUID.randomUUID();
        Instant since = slot.minusSeconds(60);
        for (String[] st : states) {
            Instant at = slot.plusSeconds(Long.parseLong(st[2]));
            calls.add(Feeds.event("intake", "intake.agent.state-changed", "37", agent, at, AgentStateChanged.newBuilder()
                    .setAgentId(agent).setQueueId(queue).setState(st[1]).setPreviousState(st[0])
                    .setPreviousQueueId(queue).setChangedAt(at.toString()).setPreviousSince(since.toString()).build()));
            since = at;
        }
        Feeds.apply(intake, calls, 250);
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("queue", queue)
                .queryParam("from", slot.toString()).queryParam("to", slot.plusSeconds(1800).toString())
                .when().get("/api/v1/staffing/queues").then().statusCode(200)
                .body("intervals.size()", equalTo(1)).body("intervals[0].calls", equalTo(100.0f))
                .body("intervals[0].averageHandleSeconds", equalTo(180.0f))
                .body("intervals[0].agentsErlangC", equalTo(14)).body("intervals[0].patienceSeconds", nullValue())
                .body("intervals[0].agentsOnDuty", equalTo(1.0f)).body("intervals[0].occupancy", equalTo(0.5f))
                .body("intervals[0].understaffed", equalTo(true));
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("queue", queue)
                .queryParam("day", day.toString()).queryParam("weeks", 2)
                .when().get("/api/v1/staffing/forecast").then().statusCode(200)
                .body("intervals.size()", equalTo(48))
                .body("intervals[16].start", equalTo(dayStart.plusSeconds(8 * 3600).toString()))
                .body("intervals[16].calls", equalTo(100.0f)).body("intervals[16].agentsErlangC", equalTo(14))
                .body("intervals[17].calls", equalTo(0.0f)).body("intervals[17].agentsErlangC", equalTo(0));
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("queue", queue)
                // The chart forecasts over 4 weeks: 200 calls / 4 = 50, A = 5 Erlangs, 8 agents for 80 % in 20 s.
                .queryParam("day", day.toString()).when().get("/api/v1/charts/staffing.svg").then().statusCode(200)
                .contentType(startsWith("image/svg+xml")).body(startsWith("<svg")).body(containsString("08:00: 8"));
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("queue", "37")
                .queryParam("day", day.toString()).when().get("/api/v1/staffing/forecast").then().statusCode(400)
                .body("violations[0].field", equalTo("queue"));
    }
}
