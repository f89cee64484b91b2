package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.evaluation.feed.RoutingFacts;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two-verdict rule end to end inside evaluation, against the routing stand-in: a complaint replied and rated
 * unsatisfied -> sampled and assigned on the run -> both unsatisfied -> rework in routing (while routing is down:
 * delayed, applied once) -> replied again -> second round to the same evaluator -> unsatisfied again -> supervised
 * (the answer lost once: applied once). Each step once, with both complainant verdicts kept.
 */
@QuarkusTest
class EvaluationWorkflowTest {

    static final String ADMIN = TestTokens.bearer("tenant-admin", "37");
    static final LocalDate WEEK = LocalDate.now(ZoneId.of("Asia/Shanghai"))
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

    @Inject
    RoutingFacts facts;

    @BeforeEach
    void reset() throws Throwable {
        Database.reset();
        StandInRouting.DOWN.set(false);
        StandInRouting.LOSE_ANSWERS.set(false);
    }

    @AfterEach
    void routingUp() {
        StandInRouting.DOWN.set(false);
        StandInRouting.LOSE_ANSWERS.set(false);
    }

    static String createEvaluator(String subject, String region, int capacity, String phone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("subject", subject, "name", "评价员" + subject,
                "regionCodes", List.of(region), "weeklyCapacity", capacity));
        if (phone != null) {
            body.put("phone", phone);
        }
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .when().post("/api/v1/evaluators").then().statusCode(201).extract().path("id");
    }

    static void declare(String evaluatorId, String kind, String value) {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("kind", kind, "value", value))
                .when().post("/api/v1/evaluators/" + evaluatorId + "/conflicts").then().statusCode(201);
    }

    /** A complaint replied, rated unsatisfied at the callback (routing reopens it) and replied again. */
    WorkOrder unsatisfiedComplaint(UUID unit, String address, String phoneMasked) throws Throwable {
        WorkOrder replied = Fixtures.order("37", "370303", unit, address, phoneMasked).build();
        StandInRouting.put(replied);
        Fixtures.fact(facts, "replied", replied);
        WorkOrder calledBack = replied.toBuilder().setSatisfaction("UNSATISFIED").build();
        Fixtures.fact(facts, "callback-done", calledBack);
        WorkOrder reopened = calledBack.toBuilder().setStatus("DISPATCHED").setReopenCount(1).build();
        Fixtures.fact(facts, "reopened", reopened);
        WorkOrder again = reopened.toBuilder().setStatus("REPLIED").build();
        StandInRouting.put(again);
        Fixtures.fact(facts, "replied", again);
        return again;
    }

    static Map<String, Object> caseOf(String workOrderId) {
        List<Map<String, Object>> items = given().header("Authorization", ADMIN).queryParam("workOrderId", workOrderId)
                .when().get("/api/v1/cases").then().statusCode(200).extract().path("items");
        assertEquals(1, items.size(), "one case per work order");
        return items.get(0);
    }

    static Response run(Long seed) {
        return given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("week", WEEK.toString(), "seed", seed)).when().post("/api/v1/assignment-runs");
    }

    static Map<String, Object> form(String complainant, String evaluator) {
        return Map.of("contactAttempts", List.of(Map.of("at", "2026-11-24T02:00:00Z", "outcome", "REACHED")),
                "complainantVerdict", complainant, "complaintReasonable", "YES", "unitPerformedDuty", "NO",
                "evaluatorVerdict", evaluator, "notes", "单位未核实报销材料", "articleIds",
                List.of("6f1c2b8e-7d1a-4c55-9e0b-3f4f8d1a9c11"));
    }

    static Map<String, Object> action(String caseId, String kind) {
        List<Map<String, Object>> actions = given().header("Authorization", ADMIN).when().get("/api/v1/cases/" + caseId)
                .then().statusCode(200).extract().path("routingActions");
        return actions.stream().filter(a -> kind.equals(a.get("kind"))).findFirst().orElse(null);
    }

    @Test
    void unsatisfiedTwiceGoesToReworkThenSupervisionEachOnceThroughOutageAndLostAnswer() throws Throwable {
        UUID unit = UUID.randomUUID();
        String own = "ev-own-" + UUID.randomUUID();
        String other = "ev-other-" + UUID.randomUUID();
        String ownId = createEvaluator(own, "370300", 5, null);
        String otherId = createEvaluator(other, "370300", 5, null);
        declare(otherId, "UNIT", unit.toString());

        double assignedBefore = Fixtures.metric("hotline_evaluation_assignments_total", "tenant=\"37\"");
        double reworkBefore = Fixtures.metric("hotline_evaluation_rework_requested_total", "tenant=\"37\"",
                "trigger=\"evaluation\"");
        double supervisionBefore = Fixtures.metric("hotline_evaluation_supervision_requested_total",
                "tenant=\"37\"", "trigger=\"unsatisfied_after_rework\"");
        double submittedBefore = Fixtures.metric("hotline_evaluation_evaluations_submitted_total", "tenant=\"37\"",
                "complainant_verdict=\"unsatisfied\"", "evaluator_verdict=\"unsatisfied\"");
        WorkOrder order = unsatisfiedComplaint(unit, "山东省淄博市淄川区般阳路8号", "139****0001");
        Map<String, Object> c = caseOf(order.getId());
        String caseId = (String) c.get("id");
        Eventually.until("case details read from routing", Duration.ofSeconds(20),
                () -> "医保报销被拒".equals(caseOf(order.getId()).get("title")));

        // The weekly run picks it (unsatisfied at callback) for the only evaluator without a conflict.
        Response first = run(7L);
        first.then().statusCode(201).body("assigned", equalTo(1)).body("unassigned", equalTo(0));
        run(7L).then().statusCode(201).body("assigned", equalTo(0));
        assertEquals("UNSATISFIED_CALLBACK", caseOf(order.getId()).get("sampleReason"));

        String evaluatorToken = Fixtures.bearer(own, "evaluator", "37");
        List<Map<String, Object>> mine = given().header("Authorization", evaluatorToken).when().get("/api/v1/assignments")
                .then().statusCode(200).body("total", equalTo(1)).extract().path("items");
        String assignmentId = (String) mine.get(0).get("id");
        assertEquals(ownId, mine.get(0).get("evaluatorId"));

        // The assignment view links the knowledge search for the case's category and region.
        given().header("Authorization", evaluatorToken).when().get("/api/v1/assignments/" + assignmentId)
                .then().statusCode(200).body("caseToEvaluate.citizenPhoneMasked", equalTo("139****0001"))
                .body("knowledge[0].href", startsWith("http://localhost:8083/api/v1/search?q="))
                .body("knowledge[0].href", org.hamcrest.Matchers.endsWith("&region=370303"));

        // Another evaluator of the province cannot read or write it: 404, as if it did not exist.
        String otherToken = Fixtures.bearer(other, "evaluator", "37");
        given().header("Authorization", otherToken).when().get("/api/v1/assignments/" + assignmentId)
                .then().statusCode(404);
        given().header("Authorization", otherToken).contentType("application/json").body(form("UNSATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation").then().statusCode(404);

        // A draft first, then the submission while routing is down.
        given().header("Authorization", evaluatorToken).contentType("application/json")
                .body(Map.of("notes", "第一次电话未接通"))
                .when().put("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(200).body("status", equalTo("DRAFT"));
        StandInRouting.DOWN.set(true);
        int mutationsBefore = StandInRouting.MUTATIONS.get();
        String key = UUID.randomUUID().toString();
        String evaluationId = given().header("Authorization", evaluatorToken).header("Idempotency-Key", key)
                .contentType("application/json").body(form("UNSATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(201).body("outcome", equalTo("REWORK")).extract().path("id");
        given().header("Authorization", evaluatorToken).header("Idempotency-Key", key)
                .contentType("application/json").body(form("UNSATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(200).body("id", equalTo(evaluationId));
        given().header("Authorization", evaluatorToken).header("Idempotency-Key", key)
                .contentType("application/json").body(form("SATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("idempotency-key-reused"));
        given().header("Authorization", evaluatorToken).contentType("application/json")
                .body(form("SATISFIED", "SATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(409);

        Eventually.until("the rework request is tried and delayed while routing is down", Duration.ofSeconds(20),
                () -> {
                    Map<String, Object> a = action(caseId, "REOPEN");
                    return a != null && ((Number) a.get("attempts")).intValue() >= 1 && "PENDING".equals(a.get("status"));
                });
        assertEquals(1, StandInRouting.order(order.getId()).getReopenCount(), "nothing applied during the outage");
        StandInRouting.DOWN.set(false);
        Eventually.until("rework applied once routing is back", Duration.ofSeconds(30),
                () -> "DONE".equals(action(caseId, "REOPEN").get("status")));
        WorkOrder reworked = StandInRouting.order(order.getId());
        assertEquals(2, reworked.getReopenCount(), "reopened exactly once by evaluation");
        assertEquals(1, StandInRouting.MUTATIONS.get() - mutationsBefore, "one reopen call reached routing");
        assertEquals("REWORK", caseOf(order.getId()).get("stage"));

        // Routing's facts: reopened, then the unit replies again; the case goes back to the same evaluator.
        Fixtures.fact(facts, "reopened", reworked);
        WorkOrder repliedAgain = reworked.toBuilder().setStatus("REPLIED").build();
        StandInRouting.put(repliedAgain);
        Fixtures.fact(facts, "replied", repliedAgain);
        Eventually.until("second round assigned", Duration.ofSeconds(20), () -> given()
                .header("Authorization", evaluatorToken).queryParam("status", "OPEN").when().get("/api/v1/assignments")
                .then().extract().<Integer>path("total") == 1);
        Map<String, Object> second = given().header("Authorization", evaluatorToken).queryParam("status", "OPEN")
                .when().get("/api/v1/assignments").then().extract().<List<Map<String, Object>>>path("items").get(0);
        assertEquals(2, second.get("round"));

        // Unsatisfied again; routing applies the supervision but the answer is lost once.
        StandInRouting.LOSE_ANSWERS.set(true);
        int beforeSupervision = StandInRouting.MUTATIONS.get();
        given().header("Authorization", evaluatorToken).contentType("application/json")
                .body(form("UNSATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + second.get("id") + "/evaluation")
                .then().statusCode(201).body("outcome", equalTo("SUPERVISION"));
        Eventually.until("supervision tried", Duration.ofSeconds(20),
                () -> StandInRouting.MUTATIONS.get() > beforeSupervision);
        StandInRouting.LOSE_ANSWERS.set(false);
        Eventually.until("supervision recorded as done", Duration.ofSeconds(30),
                () -> "DONE".equals(action(caseId, "SUPERVISE").get("status")));
        assertEquals(1, StandInRouting.MUTATIONS.get() - beforeSupervision, "the lost answer was not sent twice");
        assertTrue(StandInRouting.order(order.getId()).getSupervised());

        // Both complainant verdicts are kept; the second counts.
        given().header("Authorization", ADMIN).when().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("caseToEvaluate.stage", equalTo("SUPERVISED"))
                .body("caseToEvaluate.firstComplainantVerdict", equalTo("UNSATISFIED"))
                .body("caseToEvaluate.secondComplainantVerdict", equalTo("UNSATISFIED"))
                .body("evaluations", hasSize(2)).body("routingActions", hasSize(2));

        // Typed events: one rework and one supervision request for the work order; two submissions.
        List<String> onOrder = Database.eventTypes(order.getId());
        assertEquals(List.of("evaluation.rework.requested", "evaluation.supervision.requested"), onOrder);
        assertEquals(1, Database.eventTypes(evaluationId).size());
        assertEquals(2, Database.count("SELECT count(*) FROM outbox_event WHERE type = 'evaluation.assignment.made' "
                + "AND aggregate_id IN (SELECT id::text FROM assignment WHERE case_id = cast(?1 as uuid))", caseId));

        // Business metrics by tenant: two assignments, two submissions, one rework, one supervision (retries and
        // replays not counted again).
        assertEquals(2, Fixtures.metric("hotline_evaluation_assignments_total", "tenant=\"37\"") - assignedBefore);
        assertEquals(1, Fixtures.metric("hotline_evaluation_rework_requested_total", "tenant=\"37\"",
                "trigger=\"evaluation\"") - reworkBefore);
        assertEquals(1, Fixtures.metric("hotline_evaluation_supervision_requested_total", "tenant=\"37\"",
                "trigger=\"unsatisfied_after_rework\"") - supervisionBefore);
        assertEquals(2, Fixtures.metric("hotline_evaluation_evaluations_submitted_total", "tenant=\"37\"",
                "complainant_verdict=\"unsatisfied\"", "evaluator_verdict=\"unsatisfied\"") - submittedBefore);
    }

    @Test
    void aReworkedCaseComingBackToAFullEvaluatorWaitsWithTheReasonThenGoesToAnotherWithRoom() throws Throwable {
        String full = "ev-full-" + UUID.randomUUID();
        String fullId = createEvaluator(full, "370300", 1, null);
        WorkOrder order = unsatisfiedComplaint(UUID.randomUUID(), null, null);
        Eventually.until("details", Duration.ofSeconds(20), () -> caseOf(order.getId()).get("title") != null);
        run(5L).then().statusCode(201).body("assigned", equalTo(1));
        String caseId = (String) caseOf(order.getId()).get("id");
        String token = Fixtures.bearer(full, "evaluator", "37");
        String first = given().header("Authorization", token).when().get("/api/v1/assignments")
                .then().extract().path("items[0].id");
        given().header("Authorization", token).contentType("application/json").body(form("UNSATISFIED", "UNSATISFIED"))
                .when().post("/api/v1/assignments/" + first + "/evaluation")
                .then().statusCode(201).body("outcome", equalTo("REWORK"));
        Eventually.until("rework applied", Duration.ofSeconds(20),
                () -> "DONE".equals(action(caseId, "REOPEN").get("status")));
        WorkOrder reworked = StandInRouting.order(order.getId());
        Fixtures.fact(facts, "reopened", reworked);
        WorkOrder repliedAgain = reworked.toBuilder().setStatus("REPLIED").build();
        StandInRouting.put(repliedAgain);
        Fixtures.fact(facts, "replied", repliedAgain);

        // Its first evaluator has had their one case of the week: the second round waits, with the reason.
        Eventually.until("second round left unassigned with the reason", Duration.ofSeconds(20),
                () -> "CAPACITY_EXHAUSTED".equals(caseOf(order.getId()).get("unassignedReason")));
        assertEquals("REWORK_REPLIED", caseOf(order.getId()).get("stage"));
        given().header("Authorization", token).queryParam("status", "OPEN").when().get("/api/v1/assignments")
                .then().body("total", equalTo(0));

        // An evaluator of the region with room joins: the second round goes to them, the first stays within capacity.
        String other = "ev-room-" + UUID.randomUUID();
        String otherId = createEvaluator(other, "370300", 3, null);
        Eventually.until("second round assigned to the evaluator with room", Duration.ofSeconds(20),
                () -> "ASSIGNED".equals(caseOf(order.getId()).get("stage")));
        assertEquals(null, caseOf(order.getId()).get("unassignedReason"));
        given().header("Authorization", ADMIN).queryParam("evaluatorId", otherId).when().get("/api/v1/assignments")
                .then().body("total", equalTo(1)).body("items[0].round", equalTo(2))
                .body("items[0].caseId", equalTo(caseId));
        given().header("Authorization", ADMIN).queryParam("evaluatorId", fullId).when().get("/api/v1/assignments")
                .then().body("total", equalTo(1)).body("items[0].round", equalTo(1));
    }

    @Test
    void verdictsThatDisagreeGoToTheHearingWhoseDecisionSendsTheCaseToRework() throws Throwable {
        String subject = "ev-" + UUID.randomUUID();
        createEvaluator(subject, "370300", 3, null);
        WorkOrder order = unsatisfiedComplaint(UUID.randomUUID(), null, null);
        Eventually.until("details", Duration.ofSeconds(20), () -> caseOf(order.getId()).get("title") != null);
        run(11L).then().statusCode(201).body("assigned", equalTo(1));
        String token = Fixtures.bearer(subject, "evaluator", "37");
        String assignmentId = given().header("Authorization", token).when().get("/api/v1/assignments")
                .then().extract().path("items[0].id");
        given().header("Authorization", token).contentType("application/json").body(form("UNSATISFIED", "SATISFIED"))
                .when().post("/api/v1/assignments/" + assignmentId + "/evaluation")
                .then().statusCode(201).body("outcome", equalTo("HEARING"));
        String caseId = (String) caseOf(order.getId()).get("id");
        given().header("Authorization", ADMIN).when().get("/api/v1/cases/" + caseId).then()
                .body("routingActions", hasSize(0)).body("caseToEvaluate.stage", equalTo("EVALUATED"));

        // The quarter's hearing puts it on the agenda; the hearing decides rework, which routing applies once.
        java.time.LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        io.restassured.path.json.JsonPath hearing = given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("quarter", quarter, "title", "听证会 " + UUID.randomUUID()))
                .when().post("/api/v1/hearings").then().statusCode(201).extract().jsonPath();
        String itemId = hearing.getString("agenda.find { it.caseId == '" + caseId + "' }.id");
        assertEquals("DISPUTED_CASE", hearing.getString("agenda.find { it.caseId == '" + caseId + "' }.kind"));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).when()
                .get("/api/v1/hearings/" + hearing.getString("id")).then().statusCode(404);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("units", List.of("张店区医保局"), "evaluators", List.of(subject)))
                .when().put("/api/v1/hearings/" + hearing.getString("id") + "/attendance").then().statusCode(200);
        Map<String, Object> decision = Map.of("outcome", "REWORK", "note", "单位复核",
                "followUps", List.of(Map.of("action", "复核报销材料", "owner", "张店区医保局", "dueOn", "2027-01-15")));
        given().header("Authorization", ADMIN).contentType("application/json").body(decision)
                .when().post("/api/v1/hearings/" + hearing.getString("id") + "/items/" + itemId + "/decision")
                .then().statusCode(200).body("outcome", equalTo("REWORK")).body("followUps[0].owner", equalTo("张店区医保局"));
        given().header("Authorization", ADMIN).contentType("application/json").body(decision)
                .when().post("/api/v1/hearings/" + hearing.getString("id") + "/items/" + itemId + "/decision")
                .then().statusCode(409);
        Eventually.until("the hearing's rework applied", Duration.ofSeconds(20),
                () -> action(caseId, "REOPEN") != null && "DONE".equals(action(caseId, "REOPEN").get("status")));
        assertEquals(2, StandInRouting.order(order.getId()).getReopenCount());
        assertEquals(List.of("evaluation.hearing-item.decided"), Database.eventTypes(itemId));
        // A later hearing of the quarter does not list the case again.
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("quarter", quarter, "title", "听证会 " + UUID.randomUUID()))
                .when().post("/api/v1/hearings").then().statusCode(201)
                .body("agenda.findAll { it.caseId == '" + caseId + "' }", hasSize(0));
    }

    @Test
    void conflictsOwnCasesAndCapacityLeaveCasesUnassignedWithTheReason() throws Throwable {
        String a = createEvaluator("ev-a-" + UUID.randomUUID(), "370300", 1, "13905330007");
        String b = createEvaluator("ev-b-" + UUID.randomUUID(), "370300", 5, null);
        declare(b, "ESTATE", "华光小区");
        // Filed by evaluator a (same number) at b's estate: nobody may take it.
        WorkOrder own = unsatisfiedComplaint(UUID.randomUUID(), "淄博市张店区华光小区3号楼", "139****0007");
        WorkOrder first = unsatisfiedComplaint(UUID.randomUUID(), "淄博市张店区华光小区5号楼", null);
        WorkOrder second = unsatisfiedComplaint(UUID.randomUUID(), "淄博市张店区华光小区6号楼", null);
        Eventually.until("details", Duration.ofSeconds(20), () -> caseOf(second.getId()).get("title") != null
                && caseOf(first.getId()).get("title") != null && caseOf(own.getId()).get("title") != null);
        Response r = run(3L);
        r.then().statusCode(201).body("assigned", equalTo(1)).body("unassigned", equalTo(2))
                .body("unassignedCases.reason", hasItem("ALL_CONFLICTED"))
                .body("unassignedCases.reason", hasItem("CAPACITY_EXHAUSTED"));
        String ownCase = (String) caseOf(own.getId()).get("id");
        assertEquals("NEW", caseOf(own.getId()).get("stage"));
        r.then().body("unassignedCases.find { it.caseId == '" + ownCase + "' }.reason", equalTo("ALL_CONFLICTED"));
        given().header("Authorization", ADMIN).queryParam("evaluatorId", a).when().get("/api/v1/assignments")
                .then().body("total", equalTo(1));
        given().header("Authorization", ADMIN).queryParam("evaluatorId", b).when().get("/api/v1/assignments")
                .then().body("total", equalTo(0));
        given().header("Authorization", ADMIN).when().get("/api/v1/assignment-runs/" + r.path("id"))
                .then().statusCode(200).body("unassignedCases", hasSize(2)).body("seed", equalTo(3));
        assertTrue(r.path("id") != null);
        given().header("Authorization", ADMIN).when().get("/api/v1/assignment-runs").then().statusCode(200)
                .body("[0].id", notNullValue());
    }
}
