package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hotline.appraisal.service.HotspotAlerts;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.appraisal.service.WebhookDeliveries;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hotspot alerts: a burst of complaints about one housing estate is raised once by the sweep, its webhook (failed
 * once, then retried) reaches a local receiver once without caller data, more complaints grow the alert without a
 * second webhook (even one received earlier that changes the hotspot's computed id), a leader of the province
 * acknowledges it once while another province's leader can neither see nor acknowledge it; two sweeps at once and a
 * third after them raise a hotspot once.
 */
@QuarkusTest
class HotspotAlertTest {

    private static final String SHANDONG = TestTokens.bearer("leader", "37");
    private static final String HUBEI = TestTokens.bearer("leader", "42");
    /** Twelve unrelated subjects, so that no topic hotspot forms beside the place's. */
    private static final String[] SUBJECTS = { "医保卡丢失如何补办", "生育津贴迟迟未到账", "医保电子凭证激活失败",
            "门诊慢特病认定材料太多", "职工医保个人账户余额查询不到", "灵活就业人员医保缴费基数", "医院拒收医保卡要求自费",
            "住院押金退还太慢", "转诊手续繁琐", "大病保险二次报销没有到账", "长期护理保险申请被拒", "新生儿参保登记出错" };

    @Inject
    RoutingFacts routing;
    @Inject
    HotspotAlerts alerts;
    @Inject
    WebhookDeliveries deliveries;

    private Vertx vertx;
    private HttpServer receiver;
    /** Bodies the receiver accepted (2xx), with the idempotency key of their delivery. */
    private final List<JsonObject> accepted = new CopyOnWriteArrayList<>();
    private final List<String> acceptedKeys = new CopyOnWriteArrayList<>();
    /** Every delivery's first attempt is refused with 500, so each is retried once. */
    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private Instant day;
    private int subject;

    @BeforeEach
    void startReceiver() throws Throwable {
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String key = req.getHeader("Idempotency-Key");
            if (refusedOnce.add(key)) {
                req.response().setStatusCode(500).end();
                return;
            }
            accepted.add(body.toJsonObject());
            acceptedKeys.add(key);
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        day = Feeds.freshDay();
        // Sending claims every due delivery of the database: no other test's deliveries may be due among ours.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("TRUNCATE light_delivery_attempt, light_delivery").executeUpdate())));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body(Map.of("hotspotWindowDays", 7, "hotspotMinCases", 5, "hotspotTopicSimilarity", 0.5,
                        "webhookUrl", "http://127.0.0.1:" + receiver.actualPort() + "/hooks"))
                .when().put("/api/v1/kpi-settings").then().statusCode(200);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Complaints (问题反馈) in Zibo about {@code address} (formatted with 1, 2, …), one an hour from {@code at}. */
    private List<String> complaints(String address, int n, Instant at) throws Throwable {
        List<FeedEvent> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String order = UUID.randomUUID().toString();
            Instant when = at.plusSeconds(i * 3600L);
            events.add(Feeds.event("routing", "routing.work-order.created", "37", order, when, WorkOrderEvent
                    .newBuilder().setWorkOrderId(order).setStatus("DISPATCHED").setCategory("FEEDBACK")
                    .setChannel("PHONE").setRegionCode("370300").setPoolingRegionCode("370300")
                    .setReceivedAt(when.toString()).setSubjectAddress(address.formatted(i + 1))
                    .setSummary(SUBJECTS[subject++ % SUBJECTS.length]).build()));
            ids.add(order);
        }
        Feeds.apply(routing, events, 50);
        return ids;
    }

    private HotspotAlerts.SweepOutcome sweep(Instant now) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> alerts.sweep(now));
    }

    private void deliver(Instant now) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> deliveries.deliverDue(now));
    }

    /** The hotspot of the given kind holding {@code order}, as Shandong's leader sees it around the test's day. */
    private JsonPath hotspotWith(String kind, String order) {
        List<Map<String, Object>> items = given().header("Authorization", SHANDONG)
                .queryParam("from", day.minusSeconds(86_400).toString())
                .queryParam("to", day.plusSeconds(2 * 86_400).toString()).queryParam("kind", kind)
                .when().get("/api/v1/hotspots").then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> mine = items.stream()
                .filter(i -> ((List<?>) i.get("workOrderIds")).contains(order)).toList();
        assertEquals(1, mine.size(), "one " + kind + " hotspot holds " + order);
        return JsonPath.from(new JsonObject(mine.get(0)).encode());
    }

    /** Webhook bodies accepted for one alert. */
    private List<JsonObject> acceptedFor(String alert) {
        return accepted.stream().filter(b -> alert.equals(b.getString("alertId"))).toList();
    }

    private long count(String sql, String id) throws Throwable {
        Number n = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(sql, Long.class).setParameter("id", UUID.fromString(id))
                        .getSingleResult())));
        return n.longValue();
    }

    @Test
    void aBurstAboutOneEstateIsRaisedOnceDeliveredAfterARetryGrowsQuietlyAndIsAcknowledgedInItsProvinceOnly()
            throws Throwable {
        // Five complaints about one estate, each about another building (so no single address is hot).
        List<String> cases = complaints("淄博市张店区共青团路康乐小区%d号楼", 5, day.plusSeconds(8 * 3600));
        Instant firstSweep = day.plusSeconds(14 * 3600);
        assertTrue(sweep(firstSweep).raised() >= 1);

        JsonPath hotspot = hotspotWith("ESTATE", cases.get(0));
        String id = hotspot.getString("id");
        assertEquals(id, hotspot.getString("alert.id"), "the alert keeps the hotspot's id");
        assertEquals(firstSweep.toString(), hotspot.getString("alert.alertedAt"));
        assertNull(hotspot.get("alert.acknowledgedAt"));
        assertEquals(5, hotspot.getInt("count"));

        // The receiver refuses the first attempt; the retry after the back-off (10 s) is accepted.
        deliver(firstSweep);
        assertEquals(0, acceptedFor(id).size());
        deliver(firstSweep.plusSeconds(5));
        assertEquals(0, acceptedFor(id).size(), "nothing is retried before its back-off");
        deliver(firstSweep.plusSeconds(11));
        List<JsonObject> got = acceptedFor(id);
        assertEquals(1, got.size());
        JsonObject body = got.get(0);
        assertEquals(Set.of("type", "alertId", "tenant", "kind", "label", "regionCode", "count", "windowStart",
                "windowEnd", "windowDays", "workOrderIds", "alertedAt", "acknowledgeUrl"), body.fieldNames(),
                "what, where, how many, when and which orders: no caller data");
        assertEquals("HOTSPOT", body.getString("type"));
        assertEquals("ESTATE", body.getString("kind"));
        assertEquals("37", body.getString("tenant"));
        assertTrue(body.getString("label").contains("康乐"), body.getString("label"));
        assertEquals("370300", body.getString("regionCode"));
        assertEquals(5, body.getInteger("count"));
        assertEquals(7, body.getInteger("windowDays"));
        assertEquals(day.plusSeconds(8 * 3600).toString(), body.getString("windowStart"));
        assertEquals(day.plusSeconds(12 * 3600).toString(), body.getString("windowEnd"));
        assertEquals(new HashSet<>(cases), new HashSet<>(body.getJsonArray("workOrderIds").getList()));
        assertEquals("/api/v1/hotspots/" + id + "/acknowledgement", body.getString("acknowledgeUrl"));
        given().header("Authorization", SHANDONG).when().get("/api/v1/hotspots/" + id + "/deliveries").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].kind", equalTo("HOTSPOT"))
                .body("[0].status", equalTo("DELIVERED")).body("[0].log.size()", equalTo(2))
                .body("[0].log[0].httpStatus", equalTo(500)).body("[0].log[1].httpStatus", equalTo(204));

        // Two more complaints join: the hotspot keeps its id, the alert its cases grow, and nothing fires again.
        List<String> more = complaints("张店区康乐小区%d单元", 2, day.plusSeconds(20 * 3600));
        Instant secondSweep = day.plusSeconds(23 * 3600);
        assertTrue(sweep(secondSweep).grown() >= 1);
        hotspot = hotspotWith("ESTATE", more.get(1));
        assertEquals(id, hotspot.getString("id"), "a hotspot's id does not change as later complaints join");
        assertEquals(id, hotspot.getString("alert.id"));
        assertEquals(7, hotspot.getInt("count"));
        assertEquals(7, count("SELECT CAST(case_count AS bigint) FROM hotspot_alert WHERE id = :id", id));

        // A complaint received before the first one but applied only now makes it the first case, which changes the
        // computed id: the alert is still found by its cases and does not fire again.
        String early = complaints("康乐小区东门", 1, day.plusSeconds(2 * 3600)).get(0);
        sweep(day.plusSeconds(24 * 3600));
        hotspot = hotspotWith("ESTATE", early);
        assertNotEquals(id, hotspot.getString("id"));
        assertEquals(id, hotspot.getString("alert.id"));
        assertEquals(8, count("SELECT CAST(case_count AS bigint) FROM hotspot_alert WHERE id = :id", id));
        assertEquals(1, count("SELECT count(*) FROM light_delivery WHERE hotspot_alert_id = :id", id));
        deliver(secondSweep.plusSeconds(3600));
        assertEquals(1, acceptedFor(id).size(), "a hotspot that grows does not fire again");

        // Another province's leader neither sees nor acknowledges it; an agent may not acknowledge.
        given().header("Authorization", HUBEI).queryParam("from", day.minusSeconds(86_400).toString())
                .queryParam("to", day.plusSeconds(2 * 86_400).toString()).when().get("/api/v1/hotspots").then()
                .statusCode(200).body("items.findAll { it.alert != null && it.alert.id == '" + id + "' }.size()",
                        equalTo(0));
        given().header("Authorization", HUBEI).when().post("/api/v1/hotspots/" + id + "/acknowledgement").then()
                .statusCode(404);
        given().header("Authorization", HUBEI).when().get("/api/v1/hotspots/" + id + "/deliveries").then()
                .statusCode(404);
        given().header("Authorization", TestTokens.bearer("agent", "37")).when()
                .post("/api/v1/hotspots/" + id + "/acknowledgement").then().statusCode(403);
        assertNull(hotspotWith("ESTATE", early).get("alert.acknowledgedAt"));

        // Shandong's leader acknowledges; a second acknowledgement (by the admin) changes nothing.
        String at = given().header("Authorization", SHANDONG).when()
                .post("/api/v1/hotspots/" + id + "/acknowledgement").then().statusCode(200)
                .body("id", equalTo(id)).body("kind", equalTo("ESTATE")).body("count", equalTo(8))
                .body("acknowledgedBy", equalTo("leader@37")).body("acknowledgedAt", notNullValue())
                .body("workOrderIds.size()", equalTo(8)).extract().path("acknowledgedAt");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).when()
                .post("/api/v1/hotspots/" + id + "/acknowledgement").then().statusCode(200)
                .body("acknowledgedBy", equalTo("leader@37")).body("acknowledgedAt", equalTo(at));
        hotspot = hotspotWith("ESTATE", early);
        assertEquals("leader@37", hotspot.getString("alert.acknowledgedBy"));
        assertEquals(at, hotspot.getString("alert.acknowledgedAt"));
        given().header("Authorization", SHANDONG).when()
                .post("/api/v1/hotspots/" + UUID.randomUUID() + "/acknowledgement").then().statusCode(404);
    }

    @Test
    void twoSweepsAtOnceAndAThirdAfterThemRaiseAHotspotOnce() throws Throwable {
        String address = "周村区丝绸路" + (100 + (int) (Math.random() * 800)) + "号";
        List<String> same = complaints(address, 6, day.plusSeconds(9 * 3600));
        Instant now = day.plusSeconds(16 * 3600);
        // Two sweeps at the same moment, each in its own transactions, as two replicas would run them.
        CompletableFuture<HotspotAlerts.SweepOutcome> a = CompletableFuture.supplyAsync(() -> run(now));
        CompletableFuture<HotspotAlerts.SweepOutcome> b = CompletableFuture.supplyAsync(() -> run(now));
        assertNotNull(a.get(60, TimeUnit.SECONDS));
        assertNotNull(b.get(60, TimeUnit.SECONDS));
        sweep(now.plusSeconds(60));

        String id = hotspotWith("ADDRESS", same.get(0)).getString("alert.id");
        assertNotNull(id, "the address hotspot was raised");
        assertEquals(1, count("SELECT count(DISTINCT c.alert_id) FROM hotspot_alert_case c JOIN hotspot_alert a "
                + "ON a.id = c.alert_id WHERE a.kind = 'ADDRESS' AND c.work_order_id = :id", same.get(0)));
        assertEquals(6, count("SELECT CAST(case_count AS bigint) FROM hotspot_alert WHERE id = :id", id));
        assertEquals(1, count("SELECT count(*) FROM light_delivery WHERE hotspot_alert_id = :id", id));
        deliver(now.plusSeconds(60));
        deliver(now.plusSeconds(120));
        deliver(now.plusSeconds(900));
        assertEquals(1, acceptedFor(id).size());
        assertEquals(acceptedKeys.size(), new HashSet<>(acceptedKeys).size(), "no delivery accepted twice");
    }

    private HotspotAlerts.SweepOutcome run(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> alerts.sweep(now));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
