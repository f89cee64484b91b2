package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallAnswered;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.CallbackKept;
import org.hotline.contracts.intake.v1.CallbackOffered;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallQueueTest {

    /** Routing's answers intake holds; forgotten where a test takes routing down, so intake has to ask it. */
    @jakarta.inject.Inject
    org.hotline.intake.service.KnownRegions knownRegions;

    private static final String SWITCH = TestTokens.bearer("service", "*");

    @jakarta.inject.Inject
    FeedEvents feed;

    /** The fault-tolerance breakers of the clients, reset after each test that takes a peer down. */
    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    @AfterEach
    void peersBackUp() {
        StandInRouting.DOWN.set(false);
        StandInWorkOrders.DOWN.set(false);
        // A breaker opened by this test's outage would otherwise still be open for the next test (or class).
        breakers.resetAll();
    }

    @Test
    void tellsTheThirdCallerPositionThreeThenTwoAndKeepsItsPlaceWithACallback() {
        String region = TestRegions.open();
        String agent = "agent-" + UUID.randomUUID();
        String agentToken = TestTokens.bearer("agent", "42");
        given().header("Authorization", agentToken).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"" + region + "\",\"state\":\"BUSY\"}")
                .when().put("/api/v1/agents/" + agent + "/state").then().statusCode(200).body("tenant", equalTo("42"));
        given().header("Authorization", agentToken).when().get("/api/v1/agents?regionCode=" + region)
                .then().statusCode(200).body("agentId", org.hamcrest.Matchers.hasItem(agent));
        String first = offerAndQueue(region, 3);
        String second = offerAndQueue(region, 2);
        String third = offerAndQueue(region, 1);

        position(third).body("position", equalTo(3)).body("callsAhead", equalTo(2))
                .body("estimatedWaitSeconds", greaterThan(0)).body("agentsOnDuty", equalTo(1))
                .body("announcement", containsString("前面还有2位"));

        String answerEvent = UUID.randomUUID().toString();
        event(answerEvent, first, "ANSWERED", Instant.now(), ",\"agentId\":\"" + agent + "\"")
                .body("state", equalTo("ANSWERED"));
        position(third).body("position", equalTo(2));

        String callback = given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/calls/" + third + "/callback")
                .then().statusCode(201).body("status", equalTo("WAITING"))
                .extract().path("id");
        event(UUID.randomUUID().toString(), third, "ABANDONED", Instant.now(), "");
        position(third).body("position", equalTo(2)).body("state", equalTo("CALLBACK_WAITING"))
                .body("callbackId", equalTo(callback));
        CallAbandoned abandoned = feed.single(third, "intake.call.abandoned").as(CallAbandoned.parser());
        assertTrue(abandoned.getCallbackBooked(), "the abandon kept its place by a callback");
        assertTrue(abandoned.getReachedQueue());
        assertEquals(region, feed.single(callback, "intake.callback.offered").as(CallbackOffered.parser())
                .getQueueId());

        // The switch retries the answered event: nothing changes.
        event(answerEvent, first, "ANSWERED", Instant.now().plusSeconds(30), ",\"agentId\":\"someone-else\"")
                .body("repeatedEvent", equalTo(true)).body("agentId", equalTo(agent));
        position(third).body("position", equalTo(2));

        // The live call is at the front: the switch delivers it, not the callback list.
        given().header("Authorization", agentToken).contentType(ContentType.JSON)
                .body("{\"agentId\":\"" + agent + "\"}").when().post("/api/v1/callbacks/next")
                .then().statusCode(204);
        event(UUID.randomUUID().toString(), second, "ANSWERED", Instant.now(), ",\"agentId\":\"" + agent + "\"");
        // Nobody is dialling the callback yet: an attempt reported by anyone is refused and changes nothing.
        for (String someone : new String[] { "someone-else", agent }) {
            given().header("Authorization", agentToken).contentType(ContentType.JSON)
                    .body("{\"agentId\":\"" + someone + "\",\"result\":\"BUSY\"}")
                    .when().post("/api/v1/callbacks/" + callback + "/attempts")
                    .then().statusCode(409).body("type", equalTo("urn:hotline:problem:callback-not-dialling"));
        }
        given().header("Authorization", agentToken).when().get("/api/v1/callbacks/" + callback)
                .then().statusCode(200).body("status", equalTo("WAITING")).body("attempts", equalTo(0));
        given().header("Authorization", agentToken).contentType(ContentType.JSON)
                .body("{\"agentId\":\"" + agent + "\"}").when().post("/api/v1/callbacks/next")
                .then().statusCode(200).body("id", equalTo(callback)).body("status", equalTo("DIALING"));
        given().header("Authorization", agentToken).contentType(ContentType.JSON)
                .body("{\"agentId\":\"someone-else\",\"result\":\"BUSY\"}")
                .when().post("/api/v1/callbacks/" + callback + "/attempts")
                .then().statusCode(409);
        String attemptKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) { // the desktop retries the report: counted once
            given().header("Authorization", agentToken).header("Idempotency-Key", attemptKey)
                    .contentType(ContentType.JSON).body("{\"agentId\":\"" + agent + "\",\"result\":\"NO_ANSWER\"}")
                    .when().post("/api/v1/callbacks/" + callback + "/attempts")
                    .then().statusCode(200).body("status", equalTo("WAITING")).body("attempts", equalTo(1));
        }
        given().header("Authorization", agentToken).contentType(ContentType.JSON)
                .body("{\"agentId\":\"" + agent + "\"}").when().post("/api/v1/callbacks/next")
                .then().statusCode(200).body("id", equalTo(callback));
        attempt(agentToken, callback, agent, "REACHED").body("status", equalTo("DONE")).body("attempts", equalTo(2));
        CallbackKept kept = feed.single(callback, "intake.callback.kept").as(CallbackKept.parser());
        assertEquals(2, kept.getAttempts());
        assertEquals(agent, kept.getAgentId());
        assertEquals(java.util.List.of("intake.agent.state-changed"),
                feed.of(agent).stream().map(FeedEvents.Stored::type).toList());
        assertEquals("BUSY", feed.single(agent, "intake.agent.state-changed").as(AgentStateChanged.parser())
                .getState());
    }

    @Test
    void offersACallbackBookingOutsideServiceHoursInsteadOfSilence() {
        String call = offerAndQueue(TestRegions.closed(), 1);
        // A question the automatic answers cannot take: out of hours nobody is promised, a callback or a case is.
        given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{\"question\":\"我的报销款什么时候到账\"}")
                .when().post("/api/v1/calls/" + call + "/questions")
                .then().statusCode(200).body("answered", equalTo(false)).body("transferToAgent", equalTo(false))
                .body("serviceOpen", equalTo(false)).body("callbackOffered", equalTo(true))
                .body("caseOffered", equalTo(true)).body("reply", containsString("非人工服务时间"))
                .body("reply", org.hamcrest.Matchers.not(containsString("转接")));
        position(call).body("serviceOpen", equalTo(false)).body("callbackOffered", equalTo(true))
                .body("estimatedWaitSeconds", nullValue()).body("nextOpeningAt", nullValue())
                .body("announcement", containsString("非人工服务时间"));
        given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{\"phone\":\"0533-3120000\"}")
                .when().post("/api/v1/calls/" + call + "/callback")
                .then().statusCode(201).body("reason", equalTo("OUT_OF_HOURS")).body("phone", equalTo("0533-3120000"));
        given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/calls/" + call + "/callback")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void queuesCallsOfACentralTenantInOneProvinceQueue() {
        TestRegions.emptied("370000");
        String first = offerAndQueue("370300", 2);
        String second = offerAndQueue("370100", 1);
        position(first).body("regionCode", equalTo("370000")).body("position", equalTo(1));
        position(second).body("regionCode", equalTo("370000")).body("position", equalTo(2));
        // Leave the shared province queue as found, for the next run.
        event(UUID.randomUUID().toString(), first, "ABANDONED", Instant.now(), "");
        event(UUID.randomUUID().toString(), second, "ABANDONED", Instant.now(), "");
    }

    @Test
    void publishesQueueDepthPerTenantAndRegion() throws InterruptedException {
        String region = TestRegions.open();
        offerAndQueue(region, 1);
        String expected = "hotline_intake_queue_depth{region=\"" + region + "\",tenant=\"42\"} 1.0";
        String metrics = "";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!metrics.contains(expected) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        }
        assertTrue(metrics.contains(expected), "queue depth gauge for " + region);
    }

    @Test
    void handlesEventsOutOfOrderAndHandsTheCallToRoutingWithADeadline() throws InterruptedException {
        String region = TestRegions.open();
        String call = "call-" + UUID.randomUUID();
        Instant offered = Instant.now().minusSeconds(300);
        // The wrap-up arrives first, then the answer, then the offer.
        event(UUID.randomUUID().toString(), call, "ENDED", offered.plusSeconds(200),
                ",\"agentId\":\"a1\",\"outcome\":\"WORK_ORDER\",\"summary\":\"投诉某定点医院乱收费，请核查处理\","
                        + "\"recordingRef\":\"rec-42\"")
                .body("state", equalTo("ENDED")).body("handOff", nullValue());
        event(UUID.randomUUID().toString(), call, "ANSWERED", offered.plusSeconds(20), ",\"agentId\":\"a1\"")
                .body("state", equalTo("ENDED"));
        event(UUID.randomUUID().toString(), call, "OFFERED", offered, offer(region))
                .body("state", equalTo("ENDED")).body("regionCode", equalTo(region))
                .body("category", equalTo("FEEDBACK")).body("outcome", equalTo("WORK_ORDER"))
                .body("handOff.queryCode", notNullValue());

        String contactId = awaitWorkOrder(call);
        var order = StandInWorkOrders.forContact(contactId);
        assertNotNull(order);
        assertEquals("FEEDBACK", order.getCategory());
        assertEquals(org.hotline.common.category.ServiceCategory.FEEDBACK.name(), order.getCategory());
        given().header("Authorization", TestTokens.bearer("agent", "42")).when().get("/api/v1/calls/" + call)
                .then().statusCode(200)
                .body("offeredAt", notNullValue()).body("answeredAt", notNullValue()).body("endedAt", notNullValue())
                .body("agentId", equalTo("a1")).body("recordingRef", equalTo("rec-42"))
                .body("handOff.workOrderId", equalTo(order.getId()))
                .body("handOff.expectedAt", notNullValue())
                .body("callerNumber", equalTo("+8613905330000"));
        given().header("Authorization", TestTokens.bearer("leader", "42")).when().get("/api/v1/calls/" + call)
                .then().statusCode(200).body("callerNumber", equalTo("139****0000"));

        // Each fact once on the feed, typed, with what appraisal computes from, whatever order the events came in.
        var offeredFact = feed.single(call, "intake.call.offered").as(CallOffered.parser());
        assertEquals(region, offeredFact.getQueueId());
        assertEquals(contactId, offeredFact.getContactId());
        var answered = feed.single(call, "intake.call.answered").as(CallAnswered.parser());
        assertEquals("a1", answered.getAgentId());
        assertEquals(20.0, answered.getWaitSeconds());
        var ended = feed.single(call, "intake.call.ended");
        assertEquals(2, ended.payloadVersion());
        CallEnded endedFact = ended.as(CallEnded.parser());
        assertEquals(180.0, endedFact.getHandleSeconds());
        assertEquals(20.0, endedFact.getWaitSeconds());
        assertEquals(org.hotline.common.v1.ServiceCategory.FEEDBACK, endedFact.getCategory());
        assertEquals("WORK_ORDER", endedFact.getOutcome());
        assertEquals("42", ended.tenant());
        assertEquals(0, feed.of(call).stream().filter(e -> e.type().equals("intake.call.abandoned")).count());
        // No personal data: the caller's number is nowhere in the call's events.
        feed.of(call).forEach(e -> assertTrue(!new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("13905330000"), e.type() + " carries the caller's number"));
    }

    @Test
    void routingOutageDelaysTheWorkOrderButNeverLosesIt() throws InterruptedException {
        String region = TestRegions.open();
        StandInRouting.DOWN.set(true);
        knownRegions.forget();
        StandInWorkOrders.DOWN.set(true);
        String call = "call-" + UUID.randomUUID();
        event(UUID.randomUUID().toString(), call, "OFFERED", Instant.now().minusSeconds(60), offer(region))
                .body("state", equalTo("OFFERED"));
        event(UUID.randomUUID().toString(), call, "ENDED", Instant.now(),
                ",\"outcome\":\"WORK_ORDER\",\"category\":\"ONLINE_PRE_REVIEW\",\"summary\":\"申请办理医保关系转移\"")
                .body("handOff.handOffStatus", equalTo("PENDING"));
        Thread.sleep(1500);
        StandInRouting.DOWN.set(false);
        StandInWorkOrders.DOWN.set(false);
        String contactId = awaitWorkOrder(call);
        assertEquals(1, StandInWorkOrders.ORDERS.values().stream()
                .filter(o -> o.getIdempotencyKey().equals(contactId)).count());
        assertEquals(region, StandInWorkOrders.forContact(contactId).getRegionCode());
    }

    @Test
    void refusesMalformedFutureDatedAndInvalidEventsAndStoresNothing() {
        String call = "call-" + UUID.randomUUID();
        String region = TestRegions.open();
        badEvent("{\"eventId\":\"e1\",\"callId\":\"" + call + "\",\"type\":\"RINGING\",\"occurredAt\":\""
                + Instant.now() + "\"}");
        badEvent("{\"eventId\":\"e1\",\"callId\":\"" + call + "\",\"type\":\"OFFERED\",\"occurredAt\":\"yesterday\"}");
        badEvent("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"OFFERED\","
                + "\"occurredAt\":\"" + Instant.now().plusSeconds(3600) + "\"" + offer(region) + "}")
                .body("violations.field", org.hamcrest.Matchers.hasItem("occurredAt"));
        badEvent("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"OFFERED\","
                + "\"occurredAt\":\"" + Instant.now() + "\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"abc\"}");
        badEvent("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"ENDED\","
                + "\"occurredAt\":\"" + Instant.now() + "\",\"outcome\":\"WORK_ORDER\"}");
        badEvent("{\"callId\":\"" + call + "\",\"type\":\"QUEUED\",\"occurredAt\":\"" + Instant.now() + "\"}");
        given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call).then().statusCode(404);
    }

    private static String offer(String region) {
        return ",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\",\"ivrRegionCode\":\"" + region + "\"";
    }

    /** Offers and queues a call that joined the queue {@code minutesAgo} minutes ago. */
    private static String offerAndQueue(String region, int minutesAgo) {
        String call = "call-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(60L * minutesAgo);
        event(UUID.randomUUID().toString(), call, "OFFERED", at, offer(region)).body("state", equalTo("OFFERED"));
        event(UUID.randomUUID().toString(), call, "QUEUED", at.plusSeconds(5), "").body("state", equalTo("QUEUED"));
        return call;
    }

    private static ValidatableResponse event(String id, String call, String type, Instant at, String extra) {
        return given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + id + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                        + "\",\"occurredAt\":\"" + at + "\"" + extra + "}")
                .log().ifValidationFails()
                .when().post("/api/v1/calls/events").then().log().ifValidationFails().statusCode(200);
    }

    private static ValidatableResponse badEvent(String body) {
        return given().header("Authorization", SWITCH).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/calls/events")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
    }

    private static ValidatableResponse position(String call) {
        // A call offered while routing's breaker is still open after another test waits for its region first.
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(giveUp) && given().header("Authorization", SWITCH)
                .when().get("/api/v1/calls/" + call + "/queue-position").then().extract().statusCode() == 503) {
            sleep();
        }
        return given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call + "/queue-position")
                .then().log().ifValidationFails().statusCode(200);
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ValidatableResponse attempt(String token, String callback, String agent, String result) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"agentId\":\"" + agent + "\",\"result\":\"" + result + "\"}")
                .when().post("/api/v1/callbacks/" + callback + "/attempts").then().statusCode(200);
    }

    /** Waits until the call's hand-off became a work order; returns the contact id. */
    private static String awaitWorkOrder(String call) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        String status = null;
        while (!"CREATED".equals(status) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            status = given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call)
                    .then().statusCode(200).extract().path("handOff.handOffStatus");
        }
        assertEquals("CREATED", status);
        return given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call)
                .then().extract().path("contactId");
    }
}
