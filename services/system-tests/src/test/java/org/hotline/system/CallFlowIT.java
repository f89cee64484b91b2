package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The phone flow end to end (issue 4): intake and routing as real processes; the switch's events build a queue with
 * honest positions, a callback keeps the caller's place, repeats change nothing, and a wrap-up becomes a work order
 * in routing with a deadline; a caller's survey answer in intake reaches appraisal's 满意度评分 of the agent.
 */
class CallFlowIT {

    private static final String SWITCH = TestTokens.bearer("service", "*");
    private static final String AGENT = TestTokens.bearer("agent", "37");
    /** 淄博 (Zibo), Shandong: the pooling region the IVR choice names, so the queue is 370300 of tenant 37. */
    private static final String REGION = "370300";
    private static final String ZIBO_CONTACT = """
            {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""";

    private static ServiceProcess routing;
    private static ServiceProcess intake;
    private static ServiceProcess appraisal;

    @BeforeAll
    static void startSuite() {
        ServiceProcess.resetDatabase("routing", "_it3");
        ServiceProcess.resetDatabase("intake", "_it3");
        ServiceProcess.resetDatabase("appraisal", "_it3");
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", "_it3").start();
        // Tenant 37 is staffed around the clock here, so positions and estimates do not depend on when CI runs
        // (the default hours, Mon-Fri 09:00-17:00 Asia/Shanghai, would send evening runs down the closed path).
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", "_it3").calling("routing", routing)
                .with("hotline.intake.tenant-hours.\"37\".periods", "00:00-23:59:59.999")
                .with("hotline.intake.tenant-hours.\"37\".days",
                        "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY")
                .with("hotline.intake.region-retry.interval", "1s")
                .with("hotline.intake.hand-offs.max-backoff", "5s")
                .start();
        IntakeWarmUp.untilRegionsResolve(intake, AGENT, ZIBO_CONTACT);
        // Appraisal follows intake's feed as in production (the agent track's 满意度评分).
        appraisal = ServiceProcess.of("appraisal").with("hotline.db.suffix", "_it3").calling("intake", intake)
                .calling("routing", routing).start();
    }

    @AfterAll
    static void stopSuite() {
        if (appraisal != null) {
            appraisal.stop();
        }
        if (intake != null) {
            intake.stop();
        }
        if (routing != null) {
            routing.stop();
        }
    }

    @Test
    void queuesCallsHonestlyKeepsCallbackPlaceIgnoresRepeatsAndHandsWrapUpToRoutingWithDeadline() {
        // One agent on duty in Zibo's queue, busy: the estimate counts on them freeing up.
        String agent = "agent-" + UUID.randomUUID();
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"" + REGION + "\",\"state\":\"BUSY\"}")
                .when().put(intake.baseUrl() + "/api/v1/agents/" + agent + "/state")
                .then().statusCode(200).body("tenant", equalTo("37")).body("regionCode", equalTo(REGION));

        // Two calls wait, a third is offered.
        String first = offerAndQueue(3);
        String second = offerAndQueue(2);
        String third = offerAndQueue(1);
        position(third).body("position", equalTo(3)).body("callsAhead", equalTo(2))
                .body("regionCode", equalTo(REGION)).body("serviceOpen", equalTo(true))
                .body("agentsOnDuty", equalTo(1)).body("estimatedWaitSeconds", greaterThan(0))
                .body("announcement", containsString("前面还有2位"));

        // The first is answered: the third moves up.
        String answerEvent = UUID.randomUUID().toString();
        event(answerEvent, first, "ANSWERED", Instant.now(), ",\"agentId\":\"" + agent + "\"")
                .body("state", equalTo("ANSWERED"));
        position(third).body("position", equalTo(2)).body("callsAhead", equalTo(1));

        // The third takes a callback and hangs up: it keeps its place.
        String callback = given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{}")
                .when().post(intake.baseUrl() + "/api/v1/calls/" + third + "/callback")
                .then().statusCode(201).body("status", equalTo("WAITING")).extract().path("id");
        event(UUID.randomUUID().toString(), third, "ABANDONED", Instant.now(), "");
        position(third).body("position", equalTo(2)).body("state", equalTo("CALLBACK_WAITING"))
                .body("callbackId", equalTo(callback));

        // The switch repeats the answer event, even with other content: nothing changes.
        event(answerEvent, first, "ANSWERED", Instant.now().plusSeconds(30), ",\"agentId\":\"someone-else\"")
                .body("repeatedEvent", equalTo(true)).body("agentId", equalTo(agent));
        position(third).body("position", equalTo(2));
        position(second).body("position", equalTo(1));

        // The first call is wrapped up as a work order: routing has it, with a deadline.
        String endEvent = UUID.randomUUID().toString();
        String wrapUp = ",\"agentId\":\"" + agent + "\",\"outcome\":\"WORK_ORDER\","
                + "\"summary\":\"投诉某定点医院乱收费，请核查处理\",\"recordingRef\":\"rec-it3-1\"";
        event(endEvent, first, "ENDED", Instant.now(), wrapUp)
                .body("state", equalTo("ENDED")).body("outcome", equalTo("WORK_ORDER"))
                .body("handOff.queryCode", notNullValue());
        ExtractableResponse<Response> call = awaitWorkOrder(first);
        String contactId = call.path("contactId");
        String workOrderId = call.path("handOff.workOrderId");
        assertNotNull(call.path("handOff.expectedAt"), "intake's case shows routing's deadline");

        given().header("Authorization", SWITCH)
                .when().get(routing.baseUrl() + "/api/v1/work-orders/" + workOrderId)
                .then().log().ifValidationFails().statusCode(200)
                .body("id", equalTo(workOrderId))
                .body("idempotencyKey", equalTo(contactId))
                .body("tenant", equalTo("37"))
                .body("category", equalTo("FEEDBACK"))
                .body("channel", equalTo("PHONE"))
                .body("dueAt", notNullValue());

        // The switch repeats the wrap-up: still one case, the same order; the callback's place is untouched.
        event(endEvent, first, "ENDED", Instant.now(), wrapUp)
                .body("repeatedEvent", equalTo(true)).body("handOff.workOrderId", equalTo(workOrderId));
        position(third).body("position", equalTo(2)).body("state", equalTo("CALLBACK_WAITING"));
    }

    @Test
    void surveyAnswersGivenInIntakeAreTheAgentsSatisfactionScoreInAppraisal() {
        String agent = "agent-" + UUID.randomUUID();
        Instant from = Instant.now().minus(Duration.ofHours(1));
        // Two calls of one agent, rated 基本满意 (80) and 不满意 (0) by their callers through the IVR.
        for (String answer : new String[] { "基本满意", "UNSATISFIED" }) {
            String call = offerAndQueue(2);
            event(UUID.randomUUID().toString(), call, "ANSWERED", Instant.now().minusSeconds(60),
                    ",\"agentId\":\"" + agent + "\"");
            event(UUID.randomUUID().toString(), call, "ENDED", Instant.now(),
                    ",\"agentId\":\"" + agent + "\",\"category\":\"POLICY_ANSWER\",\"outcome\":\"ANSWERED\"");
            String contact = given().header("Authorization", SWITCH).when()
                    .get(intake.baseUrl() + "/api/v1/calls/" + call).then().statusCode(200).extract().path("contactId");
            given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                    .body("{\"answer\":\"" + answer + "\"}")
                    .when().post(intake.baseUrl() + "/api/v1/contacts/" + contact + "/survey")
                    .then().log().ifValidationFails().statusCode(201).body("agentId", equalTo(agent));
        }
        // Appraisal's figure, once its consumer has applied intake's feed: (80 + 0) / 2 = 40; 1 of 2 satisfied.
        String url = appraisal.baseUrl() + "/api/v1/kpis/calls?by=AGENT&period=ALL&from=" + from + "&to="
                + Instant.now().plus(Duration.ofHours(1));
        String row = "rows.find { it.key == '" + agent + "' }";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        Object surveys = null;
        while (Instant.now().isBefore(giveUp)) {
            surveys = given().header("Authorization", TestTokens.bearer("leader", "37")).when().get(url)
                    .then().statusCode(200).extract().path(row + ".surveys");
            if (Integer.valueOf(2).equals(surveys)) {
                break;
            }
            ServiceProcess.sleep(500);
        }
        assertEquals(2, surveys, "both answers reached appraisal");
        given().header("Authorization", TestTokens.bearer("leader", "37")).when().get(url).then().statusCode(200)
                .body(row + ".satisfactionScore", equalTo(40.0f)).body(row + ".surveySatisfactionRate", equalTo(0.5f))
                .body(row + ".surveysUnsatisfied", equalTo(1));
    }

    /** Offers and queues a call that joined Zibo's queue {@code minutesAgo} minutes ago; returns its id. */
    private static String offerAndQueue(int minutesAgo) {
        String call = "call-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(60L * minutesAgo);
        event(UUID.randomUUID().toString(), call, "OFFERED", at,
                ",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\",\"ivrRegionCode\":\"" + REGION + "\"")
                .body("state", equalTo("OFFERED"));
        event(UUID.randomUUID().toString(), call, "QUEUED", at.plusSeconds(5), "").body("state", equalTo("QUEUED"));
        return call;
    }

    private static ValidatableResponse event(String id, String call, String type, Instant at, String extra) {
        return given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + id + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                        + "\",\"occurredAt\":\"" + at + "\"" + extra + "}")
                .log().ifValidationFails()
                .when().post(intake.baseUrl() + "/api/v1/calls/events")
                .then().log().ifValidationFails().statusCode(200);
    }

    /**
     * The call's queue position; a call whose region answer was too slow is queued once the retry job resolved it
     * (503 {@code region-pending} until then), so the test waits for that rather than failing on a loaded machine.
     */
    private static ValidatableResponse position(String call) {
        String url = intake.baseUrl() + "/api/v1/calls/" + call + "/queue-position";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)
                && given().header("Authorization", SWITCH).when().get(url).then().extract().statusCode() == 503) {
            ServiceProcess.sleep(500);
        }
        return given().header("Authorization", SWITCH).when().get(url)
                .then().log().ifValidationFails().statusCode(200);
    }

    /** Waits until the call's case became a work order in routing; returns the call as intake shows it. */
    private static ExtractableResponse<Response> awaitWorkOrder(String call) {
        String url = intake.baseUrl() + "/api/v1/calls/" + call;
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        String status = null;
        while (Instant.now().isBefore(giveUp)) {
            status = given().header("Authorization", SWITCH).when().get(url)
                    .then().statusCode(200).extract().path("handOff.handOffStatus");
            if ("CREATED".equals(status) || "REJECTED".equals(status)) {
                break;
            }
            ServiceProcess.sleep(500);
        }
        ExtractableResponse<Response> view = given().header("Authorization", SWITCH).when().get(url)
                .then().statusCode(200).extract();
        assertEquals("CREATED", status, "hand-off of " + call + ": " + view.asString());
        return view;
    }
}
