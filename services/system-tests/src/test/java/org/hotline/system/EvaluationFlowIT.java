package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The third-party evaluation journey with the packaged services (issue 13): a complaint registered through intake,
 * routed, replied and rated unsatisfied at routing's callback -> picked by the assignment run -> evaluator
 * unsatisfied -> routing shows it reopened (rework) -> replied again -> judged unsatisfied again -> routing shows it
 * supervised. Each step once, although the run, the form submissions and the routing calls are retried and routing
 * is killed while evaluation asks it to rework the case.
 */
class EvaluationFlowIT {

    private static final String SWITCH = TestTokens.bearer("service", "*");
    private static final String AGENT = TestTokens.bearer("agent", "37");
    private static final String ADMIN = TestTokens.bearer("tenant-admin", "37");
    private static final String ZIBO_CONTACT = """
            {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""";
    private static final String SUFFIX = "_it2";

    private static ServiceProcess routing;
    private static ServiceProcess intake;
    private static ServiceProcess evaluation;

    @BeforeAll
    static void startSuite() {
        ServiceProcess.resetDatabase("routing", SUFFIX);
        ServiceProcess.resetDatabase("intake", SUFFIX);
        ServiceProcess.resetDatabase("evaluation", SUFFIX);
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", SUFFIX).start();
        evaluation = ServiceProcess.of("evaluation").with("hotline.db.suffix", SUFFIX)
                .calling("routing", routing)
                .with("hotline.evaluation.assignment.enabled", "false")
                .with("hotline.evaluation.actions.interval", "500ms")
                .with("hotline.evaluation.actions.follow-up-every", "1s")
                .with("hotline.evaluation.actions.max-backoff", "2s")
                .start();
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", SUFFIX).calling("routing", routing)
                .with("hotline.intake.tenant-hours.\"37\".periods", "00:00-23:59:59.999")
                .with("hotline.intake.tenant-hours.\"37\".days",
                        "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY")
                .with("hotline.intake.region-retry.interval", "1s")
                .with("hotline.intake.hand-offs.max-backoff", "5s")
                .start();
        IntakeWarmUp.untilRegionsResolve(intake, AGENT, ZIBO_CONTACT);
    }

    @AfterAll
    static void stopSuite() {
        for (ServiceProcess p : new ServiceProcess[] { intake, evaluation, routing }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    void complaintUnsatisfiedTwiceIsReworkedThenSupervisedEachOnceThroughRetriesAndARoutingOutage() {
        // A unit of Zibo's to handle the complaint.
        String unit = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "淄博市医保中心待遇科 " + UUID.randomUUID(), "kind", "DEPARTMENT",
                        "regionCode", "370300", "leaderName", "王科长", "leaderPhone", "0533-3120001"))
                .when().post(routing.baseUrl() + "/api/v1/units").then().statusCode(201).extract().path("id");
        String handler = handlerToken(unit);

        // The complaint comes in by phone through intake and becomes a routing work order (问题反馈).
        String workOrder = complaintThroughIntake();
        JsonPath order = routingOrder(workOrder);
        assertEquals("FEEDBACK", order.getString("category"));
        if (!unit.equals(order.getString("unitId"))) {
            given().header("Authorization", AGENT).contentType(ContentType.JSON)
                    .body(Map.of("targetUnitId", unit, "reason", "淄博市医保中心待遇科承办"))
                    .when().post(routing.baseUrl() + "/api/v1/work-orders/" + workOrder + "/reassign")
                    .then().statusCode(200);
        }
        acceptAndReply(workOrder, handler, "已核实，按政策予以报销。");
        // Rated unsatisfied at the callback: routing sends it back; the unit replies again.
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body(Map.of("satisfied", false, "note", "报销金额不对"))
                .when().post(routing.baseUrl() + "/api/v1/work-orders/" + workOrder + "/callback")
                // Sent straight back for rework: the verdict moves to the history (issue 11: no stale satisfaction).
                .then().statusCode(200).body("status", equalTo("DISPATCHED"))
                .body("satisfaction", org.hamcrest.Matchers.nullValue());
        acceptAndReply(workOrder, handler, "已重新核算报销金额。");

        // Evaluation follows routing's feed: the complaint is a case with routing's details.
        String subject = "evaluator-it-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "name", "李评价", "regionCodes", List.of("370300"),
                        "weeklyCapacity", 10))
                .when().post(evaluation.baseUrl() + "/api/v1/evaluators").then().statusCode(201);
        eventually("the case with routing's details in evaluation", Duration.ofSeconds(60), () -> {
            List<Map<String, Object>> items = cases(workOrder);
            return items.size() == 1 && items.get(0).get("title") != null
                    && ((Number) items.get(0).get("reopenCount")).intValue() == 1
                    && "REPLIED".equals(items.get(0).get("routingStatus"))
                    && "UNSATISFIED".equals(items.get(0).get("callbackSatisfaction"));
        });
        String caseId = (String) cases(workOrder).get(0).get("id");

        // The run picks it; retried with the same key it answers the first run, run again it assigns nothing.
        String runKey = UUID.randomUUID().toString();
        String runId = given().header("Authorization", ADMIN).header("Idempotency-Key", runKey)
                .contentType(ContentType.JSON).body(Map.of("seed", 12393))
                .when().post(evaluation.baseUrl() + "/api/v1/assignment-runs")
                .then().statusCode(201).body("assigned", equalTo(1)).extract().path("id");
        given().header("Authorization", ADMIN).header("Idempotency-Key", runKey).contentType(ContentType.JSON)
                .body(Map.of("seed", 12393)).when().post(evaluation.baseUrl() + "/api/v1/assignment-runs")
                .then().statusCode(200).body("id", equalTo(runId));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("seed", 12393))
                .when().post(evaluation.baseUrl() + "/api/v1/assignment-runs")
                .then().statusCode(201).body("assigned", equalTo(0));

        String evaluator = bearer(subject, "evaluator", "37");
        String first = given().header("Authorization", evaluator).queryParam("status", "OPEN")
                .when().get(evaluation.baseUrl() + "/api/v1/assignments")
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");

        // Routing is down when the evaluator submits: the rework waits, and is retried with the same key.
        routing.kill();
        String key = UUID.randomUUID().toString();
        submit(evaluator, first, key).then().statusCode(201).body("outcome", equalTo("REWORK"));
        submit(evaluator, first, key).then().statusCode(200).body("outcome", equalTo("REWORK"));
        eventually("the rework tried while routing is down", Duration.ofSeconds(30), () -> {
            Map<String, Object> a = action(caseId, "REOPEN");
            return a != null && ((Number) a.get("attempts")).intValue() >= 1 && "PENDING".equals(a.get("status"));
        });
        routing.start();
        eventually("the rework applied once routing is back", Duration.ofSeconds(90),
                () -> "DONE".equals(action(caseId, "REOPEN").get("status")));
        JsonPath reopened = routingOrder(workOrder);
        assertEquals(2, reopened.getInt("reopenCount"), "callback rework + evaluation rework, nothing more");
        assertEquals(1, historyCount(workOrder, "REOPENED", "第三方评价", false), "evaluation's rework applied once");

        // Replied again: evaluation sees it on routing's feed and gives round 2 to the same evaluator.
        acceptAndReply(workOrder, handler, "已第三次核实并补发报销款。");
        eventually("the second round assigned", Duration.ofSeconds(60), () -> given()
                .header("Authorization", evaluator).queryParam("status", "OPEN")
                .when().get(evaluation.baseUrl() + "/api/v1/assignments").then().extract().<Integer>path("total") == 1);
        String second = given().header("Authorization", evaluator).queryParam("status", "OPEN")
                .when().get(evaluation.baseUrl() + "/api/v1/assignments").then().extract().path("items[0].id");
        String key2 = UUID.randomUUID().toString();
        submit(evaluator, second, key2).then().statusCode(201).body("outcome", equalTo("SUPERVISION"));
        submit(evaluator, second, key2).then().statusCode(200).body("outcome", equalTo("SUPERVISION"));
        eventually("supervision applied", Duration.ofSeconds(60),
                () -> "DONE".equals(action(caseId, "SUPERVISE").get("status")));
        JsonPath supervised = routingOrder(workOrder);
        assertTrue(supervised.getBoolean("supervised"), "routing shows the order supervised (督办件)");
        assertEquals(1, historyCount(workOrder, "REOPENED", "第三方评价", true),
                "evaluation's supervision applied once");
        assertEquals(1, historyCount(workOrder, "REOPENED", "第三方评价", false), "still one rework from evaluation");

        // Evaluation's record: both verdicts kept, the second counts; one action of each kind.
        given().header("Authorization", ADMIN).when().get(evaluation.baseUrl() + "/api/v1/cases/" + caseId)
                .then().statusCode(200).body("caseToEvaluate.stage", equalTo("SUPERVISED"))
                .body("caseToEvaluate.firstComplainantVerdict", equalTo("UNSATISFIED"))
                .body("caseToEvaluate.secondComplainantVerdict", equalTo("UNSATISFIED"))
                .body("evaluations.size()", equalTo(2)).body("routingActions.size()", equalTo(2));
    }

    private static String complaintThroughIntake() {
        String call = "call-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(120);
        event(call, "OFFERED", at, ",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\","
                + "\"ivrRegionCode\":\"370300\"");
        event(call, "QUEUED", at.plusSeconds(5), "");
        String agent = "agent-" + UUID.randomUUID();
        event(call, "ANSWERED", at.plusSeconds(30), ",\"agentId\":\"" + agent + "\"");
        event(call, "ENDED", at.plusSeconds(90), ",\"agentId\":\"" + agent + "\",\"outcome\":\"WORK_ORDER\","
                + "\"summary\":\"投诉异地就医报销被拒，要求核查处理\"");
        String url = intake.baseUrl() + "/api/v1/calls/" + call;
        eventually("intake handed the complaint to routing", Duration.ofSeconds(120), () -> "CREATED".equals(
                given().header("Authorization", SWITCH).when().get(url).then().statusCode(200).extract()
                        .path("handOff.handOffStatus")));
        return given().header("Authorization", SWITCH).when().get(url).then().extract().path("handOff.workOrderId");
    }

    private static void event(String call, String type, Instant at, String extra) {
        given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                        + "\",\"occurredAt\":\"" + at + "\"" + extra + "}")
                .when().post(intake.baseUrl() + "/api/v1/calls/events").then().log().ifValidationFails().statusCode(200);
    }

    private static void acceptAndReply(String workOrder, String handler, String reply) {
        given().header("Authorization", handler).contentType(ContentType.JSON).body("{}").when()
                .post(routing.baseUrl() + "/api/v1/work-orders/" + workOrder + "/accept")
                .then().log().ifValidationFails().statusCode(200);
        given().header("Authorization", handler).contentType(ContentType.JSON).body(Map.of("reply", reply))
                .when().post(routing.baseUrl() + "/api/v1/work-orders/" + workOrder + "/reply")
                .then().log().ifValidationFails().statusCode(200).body("status", equalTo("REPLIED"));
    }

    /** When the evaluator reached the complainant: fixed, so that a retry sends the very same body. */
    private static final Instant REACHED_AT = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static io.restassured.response.Response submit(String evaluator, String assignment, String key) {
        return given().header("Authorization", evaluator).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("contactAttempts", List.of(Map.of("at", REACHED_AT.toString(),
                        "outcome", "REACHED")), "complainantVerdict", "UNSATISFIED", "complaintReasonable", "YES",
                        "unitPerformedDuty", "NO", "evaluatorVerdict", "UNSATISFIED",
                        "notes", "单位未核实异地就医备案材料"))
                .when().post(evaluation.baseUrl() + "/api/v1/assignments/" + assignment + "/evaluation");
    }

    private static JsonPath routingOrder(String workOrder) {
        return given().header("Authorization", SWITCH).when().get(routing.baseUrl() + "/api/v1/work-orders/" + workOrder)
                .then().statusCode(200).extract().jsonPath();
    }

    /** History entries of {@code action} whose reason has {@code text}, from supervision or not. */
    private static long historyCount(String workOrder, String action, String text, boolean supervision) {
        List<Map<String, Object>> history = given().header("Authorization", SWITCH)
                .when().get(routing.baseUrl() + "/api/v1/work-orders/" + workOrder + "/history")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return history.stream().filter(h -> action.equals(h.get("action")) && h.get("reason") != null
                && ((String) h.get("reason")).contains(text)
                && ((String) h.get("reason")).startsWith("Supervised:") == supervision).count();
    }

    private static List<Map<String, Object>> cases(String workOrder) {
        return given().header("Authorization", ADMIN).queryParam("workOrderId", workOrder)
                .when().get(evaluation.baseUrl() + "/api/v1/cases").then().statusCode(200).extract().path("items");
    }

    private static Map<String, Object> action(String caseId, String kind) {
        List<Map<String, Object>> actions = given().header("Authorization", ADMIN)
                .when().get(evaluation.baseUrl() + "/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().path("routingActions");
        return actions.stream().filter(a -> kind.equals(a.get("kind"))).findFirst().orElse(null);
    }

    private static String handlerToken(String unit) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn("handler-" + unit).groups("handler")
                .claim("tenant", "37").claim("unit", unit).expiresIn(Duration.ofHours(1)).jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }

    private static String bearer(String subject, String role, String tenant) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn(subject).subject(subject).groups(role)
                .claim("tenant", tenant).expiresIn(Duration.ofHours(1)).jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }

    private static void eventually(String what, Duration bound, BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("Not within " + bound + ": " + what);
            }
            ServiceProcess.sleep(500);
        }
    }
}
