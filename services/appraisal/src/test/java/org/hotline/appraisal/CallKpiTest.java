package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.service.IntakeFacts;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallAnswered;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.CallbackFailed;
import org.hotline.contracts.intake.v1.CallbackKept;
import org.hotline.contracts.intake.v1.CallbackOffered;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known call sequences (intake's typed facts) give hand-computed figures exactly: 接通率, each service-level variant, short abandons, ASA,
 * AHT, abandonment, per half-hour and per day, and the drill-down to the calls.
 */
@QuarkusTest
class CallKpiTest {

    @Inject
    IntakeFacts intake;

    private Instant day;
    private String queue;

    /**
     * One call as intake publishes it (typed facts): offered at {@code minute} past 08:00 of the day, then answered
     * after {@code wait} s and ended {@code handle} s later, or abandoned after {@code wait} s.
     */
    private List<FeedEvent> call(int minute, int wait, Integer handle, String agent) {
        Instant offered = day.plusSeconds(8 * 3600 + minute * 60L);
        Instant reached = offered.plusSeconds(wait);
        String id = "call-" + UUID.randomUUID();
        List<FeedEvent> facts = new ArrayList<>();
        facts.add(Feeds.event("intake", "intake.call.offered", "37", id, offered, CallOffered.newBuilder()
                .setCallId(id).setQueueId(queue).setRegionCode(queue).setOfferedAt(offered.toString())
                .setServiceOpen(true).build()));
        if (handle == null) {
            facts.add(Feeds.event("intake", "intake.call.abandoned", "37", id, reached, CallAbandoned.newBuilder()
                    .setCallId(id).setQueueId(queue).setRegionCode(queue).setOfferedAt(offered.toString())
                    .setAbandonedAt(reached.toString()).setWaitSeconds(wait).setReachedQueue(true)
                    .setServiceOpen(true).build()));
        } else {
            facts.add(Feeds.event("intake", "intake.call.answered", "37", id, reached, CallAnswered.newBuilder()
                    .setCallId(id).setQueueId(queue).setRegionCode(queue).setAgentId(agent)
                    .setOfferedAt(offered.toString()).setAnsweredAt(reached.toString()).setWaitSeconds(wait).build()));
            Instant ended = reached.plusSeconds(handle);
            facts.add(Feeds.event("intake", "intake.call.ended", "37", id, ended, CallEnded.newBuilder()
                    .setCallId(id).setQueueId(queue).setRegionCode(queue).setAgentId(agent)
                    .setOfferedAt(offered.toString()).setAnsweredAt(reached.toString()).setEndedAt(ended.toString())
                    .setWaitSeconds(wait).setHandleSeconds(handle).setCategory(ServiceCategory.POLICY_ANSWER)
                    .setOutcome("ANSWERED").build()));
        }
        return facts;
    }

    @BeforeEach
    void feed() throws Throwable {
        day = Feeds.freshDay();
        queue = "3703" + String.format("%02d", (int) (Math.random() * 100));
        List<FeedEvent> events = new ArrayList<>();
        // 08:00-08:30: three answered (10 s, 15 s = T, 40 s), a 3 s short abandon, abandons after 12 s and 60 s.
        events.addAll(call(1, 10, 300, "agent-a"));
        events.addAll(call(2, 15, 200, "agent-a"));
        events.addAll(call(3, 40, 100, "agent-b"));
        events.addAll(call(4, 3, null, null));
        events.addAll(call(5, 12, null, null));
        events.addAll(call(6, 60, null, null));
        // 08:30-09:00: one answered after 5 s.
        events.addAll(call(31, 5, 60, "agent-b"));
        // A callback booked and kept, another booked and failed.
        for (String status : List.of("KEPT", "FAILED")) {
            String cb = UUID.randomUUID().toString();
            Instant at = day.plusSeconds(9 * 3600);
            events.add(Feeds.event("intake", "intake.callback.offered", "37", cb, at, CallbackOffered.newBuilder()
                    .setCallbackId(cb).setCallId("call-x").setQueueId(queue).setRegionCode(queue)
                    .setReason("WAIT_TOO_LONG").setRequestedAt(at.toString()).build()));
            events.add("KEPT".equals(status)
                    ? Feeds.event("intake", "intake.callback.kept", "37", cb, at.plusSeconds(600), CallbackKept
                            .newBuilder().setCallbackId(cb).setQueueId(queue).setRegionCode(queue).setAgentId("agent-a")
                            .setRequestedAt(at.toString()).setCompletedAt(at.plusSeconds(600).toString()).setAttempts(1)
                            .build())
                    : Feeds.event("intake", "intake.callback.failed", "37", cb, at.plusSeconds(900), CallbackFailed
                            .newBuilder().setCallbackId(cb).setQueueId(queue).setRegionCode(queue).setAgentId("agent-b")
                            .setRequestedAt(at.toString()).setCompletedAt(at.plusSeconds(900).toString()).setAttempts(3)
                            .setLastResult("NO_ANSWER").build()));
        }
        Feeds.apply(intake, events, 3);
    }

    private RequestSpecification leader() {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString());
    }

    private ValidatableResponse figures(String period, Integer version) {
        RequestSpecification r = leader().queryParam("period", period).queryParam("by", "QUEUE");
        if (version != null) {
            r.queryParam("settingsVersion", version);
        }
        return r.when().get("/api/v1/kpis/calls").then().statusCode(200);
    }

    private static String row(String key) {
        return "rows.find { it.key == '" + key + "' }.";
    }

    /** A new settings version: the defaults with {@code change} applied (earlier versions may have changed others). */
    private int newVersion(Map<String, Object> change) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("serviceLevelSeconds", 15, "shortAbandonSeconds", 5,
                "abandonTreatment", "ANSWERED"));
        body.putAll(change);
        return given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body(body).when().put("/api/v1/kpi-settings").then().statusCode(200).extract().path("version");
    }

    @Test
    void halfHourFiguresUnderTheDefaultSettings() {
        String first = "rows.find { it.periodStart == '" + day.plusSeconds(8 * 3600) + "' && it.key == '" + queue + "' }.";
        figures("HALF_HOUR", 0)
                .body("settingsVersion", equalTo(0)).body("serviceLevelSeconds", equalTo(15))
                .body("abandonTreatment", equalTo("ANSWERED"))
                .body(first + "offered", equalTo(5)).body(first + "answered", equalTo(3))
                .body(first + "abandoned", equalTo(2)).body(first + "shortAbandons", equalTo(1))
                .body(first + "answeredWithinT", equalTo(2)).body(first + "abandonedWithinT", equalTo(1))
                .body(first + "answerRate", equalTo(0.6))
                .body(first + "serviceLevel", equalTo(0.666667))
                .body(first + "averageSpeedOfAnswerSeconds", equalTo(21.666667))
                .body(first + "averageHandleSeconds", equalTo(200.0))
                .body(first + "abandonmentRate", equalTo(0.4));
        String second = "rows.find { it.periodStart == '" + day.plusSeconds(8 * 3600 + 1800) + "' }.";
        figures("HALF_HOUR", 0).body(second + "offered", equalTo(1)).body(second + "serviceLevel", equalTo(1.0));
    }

    @Test
    void eachAbandonTreatmentGivesItsServiceLevel() {
        int ignored = newVersion(Map.of("abandonTreatment", "IGNORED"));
        int against = newVersion(Map.of("abandonTreatment", "AGAINST"));
        int counted = newVersion(Map.of("abandonTreatment", "FOR"));
        String h = "rows.find { it.periodStart == '" + day.plusSeconds(8 * 3600) + "' }.";
        figures("HALF_HOUR", ignored).body("abandonTreatment", equalTo("IGNORED")).body(h + "serviceLevel", equalTo(0.5));
        figures("HALF_HOUR", against).body(h + "serviceLevel", equalTo(0.4));
        figures("HALF_HOUR", counted).body(h + "serviceLevel", equalTo(0.6));
        figures("HALF_HOUR", 0).body(h + "serviceLevel", equalTo(0.666667));
    }

    @Test
    void aShorterShortAbandonThresholdCountsTheThreeSecondCaller() {
        int v = newVersion(Map.of("shortAbandonSeconds", 2, "abandonTreatment", "AGAINST"));
        String h = row(queue);
        figures("DAY", v).body("rows", hasSize(1))
                .body(h + "offered", equalTo(7)).body(h + "abandoned", equalTo(3))
                .body(h + "shortAbandons", equalTo(0)).body(h + "abandonedWithinT", equalTo(2))
                .body(h + "serviceLevel", equalTo(0.428571)) // answered within 15 s: 10, 15, 5 -> 3 of 7
                .body(h + "callbacksOffered", equalTo(2)).body(h + "callbacksKept", equalTo(1))
                .body(h + "callbackKeptRate", equalTo(0.5));
    }

    @Test
    void aFigureOpensToItsCallsAndExportsAsCsv() {
        leader().queryParam("by", "QUEUE").queryParam("key", queue).when().get("/api/v1/kpis/calls/records")
                .then().statusCode(200).body("total", equalTo(7)).body("items[0].waitSeconds", equalTo(10.0))
                .body("items[3].abandonedAt", equalTo(day.plusSeconds(8 * 3600 + 240 + 3).toString()));
        leader().queryParam("by", "AGENT").queryParam("key", "agent-b").when().get("/api/v1/kpis/calls/records")
                .then().statusCode(200).body("total", equalTo(2));
        String csv = leader().queryParam("by", "QUEUE").queryParam("format", "csv").queryParam("settingsVersion", 0)
                .when().get("/api/v1/kpis/calls").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.startsWith("periodStart,key,offered,answered,abandoned"), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("," + queue + ",6,4,2,1,3,1,"), csv);
    }

    @Test
    void anotherProvinceAndNationalNonOperatorsSeeNothing() {
        given().header("Authorization", TestTokens.bearer("leader", "42")).queryParam("tenant", "37")
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/calls").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("leader", "*"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/calls").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("leader", "42"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/calls").then().statusCode(200).body("rows", hasSize(0));
        given().header("Authorization", TestTokens.bearer("leader", "42")).queryParam("by", "QUEUE").queryParam("key", queue)
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/calls/records").then().statusCode(200).body("total", equalTo(0));
        // The platform operator compares provinces.
        given().header("Authorization", TestTokens.bearer("platform-operator", "*")).queryParam("by", "TENANT")
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400).toString())
                .when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body("rows.find { it.key == '37' }.offered", equalTo(6));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        leader().queryParam("period", "FORTNIGHT").when().get("/api/v1/kpis/calls").then().statusCode(400)
                .body("violations[0].field", equalTo("period"));
        leader().queryParam("by", "PHONE").when().get("/api/v1/kpis/calls").then().statusCode(400)
                .body("violations[0].field", equalTo("by"));
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("from", "yesterday")
                .queryParam("to", "2040-01-01T00:00:00Z").when().get("/api/v1/kpis/calls").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }
}
