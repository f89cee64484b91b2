package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkOrderLifecycleTest {

    private static final String T = Fixture.TENANT;

    @Inject
    AgroalDataSource db;

    private record Setup(String keyword, String unitA, String unitB, String handlerA, String handlerB) {
    }

    private Setup setup(int limitDays) {
        // A letter in the middle: 7 digits in a row would read as a phone number, which the summaries mask (a random
        // hex tag had them about one run in twenty).
        String u = Fixture.unique();
        String k = "K" + u.substring(0, 4) + "q" + u.substring(4);
        String a = Fixture.unit(T, "淄博市医保中心异地科 " + k, "DEPARTMENT", "370300", null);
        String b = Fixture.unit(T, "张店区医保局 " + k, "COUNTY_OFFICE", "370303", null);
        Fixture.rule(T, k, a, null, limitDays, "WORKING_DAYS");
        return new Setup(k, a, b, Fixture.handler(T, a), Fixture.handler(T, b));
    }

    private void post(String token, String id, String action, Object body, int status) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(body == null ? Map.of() : body)
                .when().post("/api/v1/work-orders/" + id + "/" + action)
                .then().statusCode(status);
    }

    @Test
    void walksFromDispatchThroughReplyAndCallbackToClosed() {
        Setup s = setup(5);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("regionCode", "370303", "category", "ONLINE_PRE_REVIEW",
                "title", "跨省就医备案 " + s.keyword, "description", "备案未通过", "citizenPhone", "13905330000");
        String id = given().header("Authorization", Fixture.agent(T)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/work-orders")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/work-orders/"))
                .body("status", equalTo("DISPATCHED"))
                .body("poolingRegionCode", equalTo("370300"))
                .body("unitId", equalTo(s.unitA))
                .body("unitName", containsString("异地科"))
                .body("firstResponsibleUnitId", equalTo(s.unitA))
                .body("routingDecision", containsString("test rule " + s.keyword))
                .body("citizenPhoneMasked", equalTo("139****0000"))
                .body("dueAt", notNullValue())
                .extract().path("id");

        // The retry with the same key answers the first order instead of creating a second.
        given().header("Authorization", Fixture.agent(T)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/work-orders")
                .then().statusCode(200).body("id", equalTo(id)).body("created", equalTo(false));

        post(s.handlerA, id, "accept", null, 200);
        given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reply", "已协助重新提交备案，审核通过。"))
                .when().post("/api/v1/work-orders/" + id + "/reply")
                .then().statusCode(200).body("status", equalTo("REPLIED")).body("open311Status", equalTo("closed"))
                .body("callbackDueAt", notNullValue());
        post(Fixture.agent(T), id, "callback", Map.of("satisfied", true, "note", "满意"), 200);
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/work-orders/" + id + "/close")
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedAt", notNullValue());

        given().header("Authorization", Fixture.agent(T))
                .when().get("/api/v1/work-orders/" + id + "/history")
                .then().statusCode(200)
                .body("action", contains("CREATED", "ACCEPTED", "REPLIED", "CALLBACK_DONE", "CLOSED"))
                .body("[1].actor", containsString("handler@"))
                .body("[2].fromStatus", equalTo("ACCEPTED"));
        assertEquals(5, Database.count(db, "SELECT count(*) FROM outbox_event WHERE aggregate_id = CAST(? AS text) "
                + "AND type LIKE 'routing.work-order.%'", id));
    }

    @Test
    void approvedReturnReroutesWhileTheFirstUnitStaysAnswerableUntilTheNewOneAccepts() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "POLICY_ANSWER");
        String returnId = given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reasonCode", "NOT_OUR_BUSINESS", "reason", "属于张店区经办业务"))
                .when().post("/api/v1/work-orders/" + id + "/returns")
                .then().statusCode(201).body("outcome", equalTo("PENDING")).extract().path("id");
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().body("status", equalTo("RETURN_REQUESTED"));

        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVED", "targetUnitId", s.unitB, "note", "确属张店区"))
                .when().post("/api/v1/work-orders/" + id + "/returns/" + returnId + "/arbitration")
                .then().statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("unitId", equalTo(s.unitB))
                .body("answerableUnitId", equalTo(s.unitA))
                .body("firstResponsibleUnitId", equalTo(s.unitA));

        // The first unit still sees the order it answers for, but can no longer act on it.
        given().header("Authorization", s.handlerA).when().get("/api/v1/work-orders/" + id).then().statusCode(200);
        post(s.handlerA, id, "accept", null, 403);

        given().header("Authorization", s.handlerB).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/work-orders/" + id + "/accept")
                .then().statusCode(200).body("answerableUnitId", equalTo(s.unitB));
        given().header("Authorization", s.handlerA).when().get("/api/v1/work-orders/" + id).then().statusCode(404);
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/returns")
                .then().statusCode(200)
                .body("[0].outcome", equalTo("APPROVED"))
                .body("[0].countsAgainstUnit", equalTo(false));
    }

    @Test
    void refusedReturnStaysWithTheUnitAndCountsAgainstIt() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "POLICY_ANSWER");
        post(s.handlerA, id, "accept", null, 200);
        String returnId = given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reasonCode", "NOT_OUR_REGION", "reason", "不是我们的"))
                .when().post("/api/v1/work-orders/" + id + "/returns")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("decision", "REFUSED", "note", "参保地为淄博，应由异地科办理"))
                .when().post("/api/v1/work-orders/" + id + "/returns/" + returnId + "/arbitration")
                .then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("unitId", equalTo(s.unitA));
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/returns")
                .then().body("[0].outcome", equalTo("REFUSED")).body("[0].countsAgainstUnit", equalTo(true))
                .body("[0].unitId", equalTo(s.unitA));
        // Units cannot arbitrate their own returns.
        post(s.handlerA, id, "returns/" + returnId + "/arbitration", Map.of("decision", "APPROVED"), 403);
    }

    @Test
    void afterTheReturnBudgetOnlyTheCentreCanReassign() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "POLICY_ANSWER");
        for (int i = 0; i < 2; i++) {
            String r = given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                    .body(Map.of("reasonCode", "OTHER", "reason", "第" + (i + 1) + "次退单"))
                    .when().post("/api/v1/work-orders/" + id + "/returns")
                    .then().statusCode(201).extract().path("id");
            post(Fixture.agent(T), id, "returns/" + r + "/arbitration", Map.of("decision", "REFUSED"), 200);
        }
        given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reasonCode", "OTHER", "reason", "第3次退单"))
                .when().post("/api/v1/work-orders/" + id + "/returns")
                .then().statusCode(409)
                .body("type", equalTo("urn:hotline:problem:return-budget-exhausted"));
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("targetUnitId", s.unitB, "reason", "中心改派"))
                .when().post("/api/v1/work-orders/" + id + "/reassign")
                .then().statusCode(200).body("unitId", equalTo(s.unitB)).body("returnsUsed", equalTo(2));
    }

    @Test
    void unsatisfiedCallbackReopensAndTheSecondReopenMakesASupervisedCase() throws Exception {
        Setup s = setup(10);
        String id = Fixture.order(T, "370300", s.keyword, "FEEDBACK");
        post(s.handlerA, id, "accept", null, 200);
        post(s.handlerA, id, "reply", Map.of("reply", "已答复"), 200);
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("satisfied", false, "note", "问题没有解决"))
                .when().post("/api/v1/work-orders/" + id + "/callback")
                .then().statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("unitId", equalTo(s.unitA))
                .body("reopenCount", equalTo(1))
                .body("supervised", equalTo(false))
                .body("reply", nullValue())
                // The reopened case has no verdict yet; the unsatisfied one stays in the audit trail.
                .body("satisfaction", nullValue());
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("find { it.action == 'CALLBACK_DONE' }.reason", org.hamcrest.Matchers.startsWith("UNSATISFIED"));

        post(s.handlerA, id, "accept", null, 200);
        post(s.handlerA, id, "reply", Map.of("reply", "再次答复"), 200);
        String dueBefore = given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().extract().path("dueAt");
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("reason", "评价员与市民均不满意", "source", "EVALUATION"))
                .when().post("/api/v1/work-orders/" + id + "/reopen")
                .then().statusCode(200)
                .body("reopenCount", equalTo(2))
                .body("supervised", equalTo(true))
                .body("status", equalTo("DISPATCHED"));
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("action", hasItems("REOPENED", "SUPERVISED"));
        assertTrue(dueBefore != null);
        WorkOrderEvent supervised = WorkOrderEvent.parseFrom(Database.bytes(db, "SELECT payload FROM outbox_event "
                + "WHERE aggregate_id = CAST(? AS text) AND type = 'routing.work-order.supervised'", id));
        assertEquals("王主任", supervised.getDetailsOrThrow("leaderName"));
        assertEquals(2, supervised.getReopenCount());
        // The callback fact tells appraisal when it was due and who recorded it (回访执行率).
        WorkOrderEvent callback = WorkOrderEvent.parseFrom(Database.bytes(db, "SELECT payload FROM outbox_event "
                + "WHERE aggregate_id = CAST(? AS text) AND type = 'routing.work-order.callback-done'", id));
        assertTrue(Instant.parse(callback.getCallbackDueAt()).isAfter(Instant.now().minusSeconds(600)));
        assertEquals("agent@" + T, callback.getCallbackAgentId());
    }

    @Test
    void theCreatedFactCarriesTheComplaintsSubjectButNoCallerNumber() throws Exception {
        Setup s = setup(10);
        String id = given().header("Authorization", Fixture.agent(T)).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("regionCode", "370300", "category", "FEEDBACK", "title", "幸福小区药店不让用医保卡 " + s.keyword,
                        "description", "市民王某（13905330000）反映药店拒刷医保卡。", "citizenPhone", "13905330000",
                        "citizenName", "王某", "address", "张店区幸福小区3号楼", "channel", "PHONE"))
                .when().post("/api/v1/work-orders").then().statusCode(201).extract().path("id");
        byte[] payload = Database.bytes(db, "SELECT payload FROM outbox_event "
                + "WHERE aggregate_id = CAST(? AS text) AND type = 'routing.work-order.created'", id);
        WorkOrderEvent created = WorkOrderEvent.parseFrom(payload);
        assertEquals("张店区幸福小区3号楼", created.getSubjectAddress());
        assertEquals("幸福小区药店不让用医保卡 " + s.keyword + "：市民王某（***）反映药店拒刷医保卡。", created.getSummary());
        assertTrue(!new String(payload, java.nio.charset.StandardCharsets.UTF_8).contains("13905330000"),
                "no caller number in the event");
    }

    @Test
    void supervisionShortensTheLimitOfAnOpenOrder() {
        Setup s = setup(20);
        String id = Fixture.order(T, "370300", s.keyword, "FEEDBACK");
        Instant before = Instant.parse(given().header("Authorization", Fixture.agent(T))
                .when().get("/api/v1/work-orders/" + id).then().extract().path("dueAt"));
        Instant after = Instant.parse(given().header("Authorization", Fixture.leader()).contentType(ContentType.JSON)
                .body(Map.of("reason", "投诉集中，领导督办"))
                .when().post("/api/v1/work-orders/" + id + "/supervise")
                .then().statusCode(200).body("supervised", equalTo(true)).extract().path("dueAt"));
        assertTrue(after.isBefore(before), "supervised due " + after + " should be before " + before);
    }

    @Test
    void pausedClockRestartsWithTheWorkingTimeThatWasLeft() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "ONLINE_PRE_REVIEW");
        post(s.handlerA, id, "accept", null, 200);
        given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reason", "请市民补充住院发票"))
                .when().post("/api/v1/work-orders/" + id + "/pause")
                .then().statusCode(200)
                .body("status", equalTo("WAITING_CITIZEN"))
                .body("dueAt", nullValue())
                .body("remainingWorkingMinutes", notNullValue());
        // Pretend the pause began on Tue 29 Sep 2026 with 600 working minutes left (which no API can do).
        Database.update(db, "UPDATE work_order SET paused_at = TIMESTAMPTZ '2026-09-29T02:00:00Z', "
                + "remaining_working_minutes = 600 WHERE id = ?", id);
        // Material arrived Wed 30 Sep 09:00 Shanghai: 420 minutes that day, the National Day holiday (1-7 Oct)
        // does not count, the last 180 minutes run on Thu 8 Oct until 12:00.
        given().header("Authorization", s.handlerA).contentType(ContentType.JSON)
                .body(Map.of("reason", "材料已补齐", "materialReceivedAt", "2026-09-30T01:00:00Z"))
                .when().post("/api/v1/work-orders/" + id + "/resume")
                .then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("dueAt", equalTo("2026-10-08T04:00:00Z"))
                .body("remainingWorkingMinutes", nullValue());
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("action", hasItems("PAUSED", "RESUMED"));
    }

    @Test
    void extensionNeedsTheCentresApproval() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "ONLINE_PRE_REVIEW");
        post(s.handlerA, id, "accept", null, 200);
        Instant before = Instant.parse(given().header("Authorization", s.handlerA)
                .when().get("/api/v1/work-orders/" + id).then().extract().path("dueAt"));
        post(s.handlerA, id, "extension-requests", Map.of("workingDays", 3, "reason", "需外省协查"), 200);
        post(s.handlerA, id, "extension-decision", Map.of("approved", true), 403);
        Instant after = Instant.parse(given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("approved", true, "note", "同意延期"))
                .when().post("/api/v1/work-orders/" + id + "/extension-decision")
                .then().statusCode(200).body("extensionRequestedDays", nullValue()).extract().path("dueAt"));
        assertTrue(after.isAfter(before.plusSeconds(2 * 24 * 3600)), after + " should be 3 working days after " + before);
    }

    @Test
    void rejectsTransitionsTheStateDoesNotAllow() {
        Setup s = setup(5);
        String id = Fixture.order(T, "370300", s.keyword, "POLICY_ANSWER");
        given().header("Authorization", s.handlerA).contentType(ContentType.JSON).body(Map.of("reply", "x"))
                .when().post("/api/v1/work-orders/" + id + "/reply")
                .then().statusCode(409).body("type", equalTo("urn:hotline:problem:invalid-transition"));
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body(Map.of("regionCode", "370300", "category", "GOSSIP", "title", "t", "description", "d"))
                .when().post("/api/v1/work-orders")
                .then().statusCode(400).body("violations[0].field", equalTo("category"));
    }

    @Test
    void ordersWithoutAMatchingRuleWaitInTheProvincePool() {
        String id = given().header("Authorization", Fixture.agent("65")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("regionCode", "650100", "category", "OPINION", "title", "意见 " + Fixture.unique(),
                        "description", "建议延长服务时间"))
                .when().post("/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Fixture.operator()).when().get("/api/v1/work-orders/" + id)
                .then().statusCode(200)
                .body("status", equalTo("POOLED"))
                .body("poolScope", equalTo("PROVINCE"))
                .body("poolRegionCode", equalTo("650000"))
                .body("routingDecision", containsString("No routing rule"));
    }
}
