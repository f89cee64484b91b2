package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.appraisal.service.WebhookDeliveries;
import org.hotline.appraisal.service.LightEvaluation;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of complaints lights yellow then red; a local receiver gets each webhook (and the retry after it failed);
 * acknowledgement is recorded; an unacknowledged light escalates; the light clears when counts fall; two evaluators
 * at once (as two replicas) open each crossing exactly once.
 */
@QuarkusTest
class ComplaintLightTest {

    @Inject
    RoutingFacts routing;
    @Inject
    LightEvaluation evaluation;
    @Inject
    WebhookDeliveries deliveries;

    private Vertx vertx;
    private HttpServer receiver;
    private final List<io.vertx.core.json.JsonObject> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private Instant day;

    @BeforeEach
    void startReceiver() throws Throwable {
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (failuresLeft.getAndDecrement() > 0) {
                req.response().setStatusCode(500).end();
                return;
            }
            received.add(body.toJsonObject());
            keys.add(req.getHeader("Idempotency-Key"));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        day = Feeds.freshDay();
        // Evaluations run over every tenant with complaints or open lights: start from a clean slate of lights.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("TRUNCATE light_delivery_attempt, light_delivery, complaint_light").executeUpdate())));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body(Map.of("lightWindowHours", 24, "lightYellowCount", 3, "lightRedCount", 5,
                        "lightBaselineWeeks", 0, "lightAckMinutes", 90,
                        "webhookUrl", "http://127.0.0.1:" + receiver.actualPort() + "/lights",
                        "escalationWebhookUrl", "http://127.0.0.1:" + receiver.actualPort() + "/escalations"))
                .when().put("/api/v1/kpi-settings").then().statusCode(200);
    }

    @AfterEach
    void stopReceiver() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void complaints(String unit, int n, int hour) throws Throwable {
        List<FeedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String order = UUID.randomUUID().toString();
            Instant at = day.plusSeconds(hour * 3600L + i);
            events.add(Feeds.event("routing", "routing.work-order.created", "37", order, at, WorkOrderEvent.newBuilder()
                    .setWorkOrderId(order).setStatus("DISPATCHED").setCategory("FEEDBACK").setSubcategory("报销")
                    .setChannel("PHONE").setRegionCode("370300").setPoolingRegionCode("370300").setUnitId(unit)
                    .setReceivedAt(at.toString()).setDueAt(at.plusSeconds(86_400 * 5).toString()).build()));
        }
        Feeds.apply(routing, events, 50);
    }

    private LightEvaluation.Outcome evaluate(int hour) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> evaluation.evaluate(day.plusSeconds(hour * 3600L)));
    }

    private int deliver(int secondsAfterHour, int hour) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> deliveries.deliverDue(
                day.plusSeconds(hour * 3600L + secondsAfterHour)));
    }

    private String unitLight(String unit) {
        return given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("all", true)
                .when().get("/api/v1/lights").then().statusCode(200)
                .extract().path("find { it.scope == 'UNIT' && it.scopeKey == '" + unit + "' }.id");
    }

    @Test
    void aScopesOwnBaselineLightsItYellowBelowTheAbsoluteThreshold() throws Throwable {
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body(Map.of("lightYellowCount", 100, "lightRedCount", 200, "lightBaselineWeeks", 8,
                        "lightBaselineSd", 3))
                .when().put("/api/v1/kpi-settings").then().statusCode(200);
        String unit = UUID.randomUUID().toString();
        for (int week = 1; week <= 8; week++) { // one complaint in the same window of each of the 8 weeks before
            complaints(unit, 1, 8 - week * 7 * 24);
        }
        complaints(unit, 4, 8);
        // Baseline = mean 1 + 3 sd 0 = 1 < 4 (and 4 >= the floor of 3): yellow, far below the absolute 100.
        assertEquals(3, evaluate(9).opened()); // the unit, its category and its region share the history
        given().header("Authorization", TestTokens.bearer("leader", "37")).when().get("/api/v1/lights/" + unitLight(unit))
                .then().statusCode(200).body("level", equalTo("YELLOW")).body("count", equalTo(4))
                .body("threshold", equalTo(1.0f));
    }

    @Test
    void aBurstLightsYellowThenRedNotifiesWithRetriesAndClearsWhenCountsFall() throws Throwable {
        String unit = UUID.randomUUID().toString();
        complaints(unit, 3, 8);
        LightEvaluation.Outcome first = evaluate(9);
        assertEquals(3, first.opened()); // the unit, the category 报销 and the region 370300 each reached 3
        String light = unitLight(unit);
        given().header("Authorization", TestTokens.bearer("leader", "37")).when().get("/api/v1/lights/" + light)
                .then().statusCode(200).body("level", equalTo("YELLOW")).body("count", equalTo(3));

        // The receiver fails the first attempt of each of the three deliveries; back-off retries them.
        failuresLeft.set(3);
        assertEquals(0, deliver(0, 9));
        assertEquals(0, received.size());
        assertEquals(0, deliver(5, 9), "nothing is retried before its back-off");
        assertEquals(3, deliver(11, 9));
        assertEquals(3, received.size());
        assertEquals(3, keys.stream().distinct().count());
        given().header("Authorization", TestTokens.bearer("leader", "37")).when().get("/api/v1/lights/" + light + "/deliveries")
                .then().statusCode(200).body("[0].kind", equalTo("YELLOW")).body("[0].status", equalTo("DELIVERED"))
                .body("[0].log.size()", equalTo(2)).body("[0].log[0].httpStatus", equalTo(500))
                .body("[0].log[1].httpStatus", equalTo(204));

        // Two more complaints: red, once, and the evaluation run again changes nothing.
        complaints(unit, 2, 9);
        assertEquals(3, evaluate(10).turnedRed()); // unit, category and region all reach 5
        assertEquals(new LightEvaluation.Outcome(0, 0, 0, 0), evaluate(10));
        assertEquals(3, deliver(0, 10));
        assertTrue(received.stream().anyMatch(b -> "RED".equals(b.getString("kind"))
                && unit.equals(b.getString("scopeKey")) && b.getInteger("count") == 5));

        // A leader acknowledges the unit's light; the others escalate after 90 minutes unacknowledged.
        given().header("Authorization", TestTokens.bearer("leader", "37")).when()
                .post("/api/v1/lights/" + light + "/acknowledgement").then().statusCode(200)
                .body("acknowledgedAt", notNullValue()).body("acknowledgedBy", equalTo("leader@37"));
        given().header("Authorization", TestTokens.bearer("leader", "42")).when()
                .post("/api/v1/lights/" + light + "/acknowledgement").then().statusCode(404);
        assertEquals(2, evaluate(11).escalated());
        assertEquals(2, deliver(0, 11));
        assertEquals(2, received.stream().filter(b -> "ESCALATION".equals(b.getString("kind"))).count());

        // A day later the complaints have left the window: every light clears, once.
        assertEquals(3, evaluate(34).cleared());
        assertEquals(new LightEvaluation.Outcome(0, 0, 0, 0), evaluate(34));
        assertEquals(3, deliver(0, 34));
        given().header("Authorization", TestTokens.bearer("leader", "37")).when().get("/api/v1/lights/" + light)
                .then().statusCode(200).body("clearedAt", equalTo(day.plusSeconds(34 * 3600L).toString()))
                .body("level", equalTo("RED"));
        // A new burst is a new crossing with a new light.
        complaints(unit, 3, 40);
        assertEquals(3, evaluate(41).opened());
    }

    @Test
    void twoReplicasEvaluatingAtOnceOpenEachCrossingExactlyOnce() throws Throwable {
        String unit = UUID.randomUUID().toString();
        complaints(unit, 5, 8);
        Instant now = day.plusSeconds(9 * 3600L);
        // Two evaluations at the same moment, each in its own transaction, as two replicas would run them.
        CompletableFuture<LightEvaluation.Outcome> a = CompletableFuture.supplyAsync(() -> run(now));
        CompletableFuture<LightEvaluation.Outcome> b = CompletableFuture.supplyAsync(() -> run(now));
        LightEvaluation.Outcome x = a.get(60, TimeUnit.SECONDS);
        LightEvaluation.Outcome y = b.get(60, TimeUnit.SECONDS);
        assertEquals(3, x.opened() + y.opened());
        Number lights = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM complaint_light", Long.class).getSingleResult())));
        Number notes = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT count(*) FROM light_delivery", Long.class).getSingleResult())));
        assertEquals(3, lights.intValue());
        assertEquals(3, notes.intValue());
        assertEquals(3, deliver(0, 9));
        assertEquals(0, deliver(600, 9));
        assertEquals(3, received.size());
    }

    private LightEvaluation.Outcome run(Instant now) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> evaluation.evaluate(now));
        } catch (Throwable e) {
            // A replica whose insert lost the race may see a serialization failure; it retries at its next run.
            return new LightEvaluation.Outcome(0, 0, 0, 0);
        }
    }
}
