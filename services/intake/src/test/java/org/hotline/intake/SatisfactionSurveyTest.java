package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.intake.v1.SurveyAnswered;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SatisfactionSurveyTest {

    private static final String SWITCH = TestTokens.bearer("service", "*");

    @jakarta.inject.Inject
    FeedEvents feed;

    @Test
    void recordsTheCallersAnswerOnceWithTheAgentAndQueueAndPublishesItWithoutPersonalData() {
        String region = TestRegions.open();
        String agent = "agent-" + UUID.randomUUID();
        String call = "call-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
        event(call, "OFFERED", at, ",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\","
                + "\"ivrRegionCode\":\"" + region + "\"");
        event(call, "ANSWERED", at.plusSeconds(8), ",\"agentId\":\"" + agent + "\"");
        event(call, "ENDED", at.plusSeconds(120), ",\"category\":\"POLICY_ANSWER\",\"outcome\":\"ANSWERED\"");
        String contact = given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call)
                .then().statusCode(200).extract().path("contactId");
        Instant answeredAt = at.plusSeconds(130);

        answer(contact, "{\"answer\":\"基本满意\",\"answeredAt\":\"" + answeredAt + "\"}").statusCode(201)
                .body("answer", equalTo("BASICALLY_SATISFIED")).body("score", equalTo(80))
                .body("agentId", equalTo(agent)).body("callId", equalTo(call)).body("queueId", equalTo(region))
                .body("category", equalTo("POLICY_ANSWER")).body("channel", equalTo("PHONE"));
        // The gateway retries: the same answer again changes nothing; another answer is refused.
        answer(contact, "{\"answer\":\"BASICALLY_SATISFIED\"}").statusCode(200).body("score", equalTo(80))
                .body("answeredAt", equalTo(answeredAt.toString()));
        answer(contact, "{\"answer\":\"UNSATISFIED\"}").statusCode(409)
                .body("type", equalTo("urn:hotline:problem:survey-already-answered"));
        given().header("Authorization", TestTokens.bearer("leader", "42")).when()
                .get("/api/v1/contacts/" + contact + "/survey").then().statusCode(200)
                .body("answer", equalTo("BASICALLY_SATISFIED"));

        FeedEvents.Stored stored = feed.single(contact, "intake.survey.answered");
        SurveyAnswered fact = stored.as(SurveyAnswered.parser());
        assertEquals("42", stored.tenant());
        assertEquals(contact, fact.getContactId());
        assertEquals(call, fact.getCallId());
        assertEquals(agent, fact.getAgentId());
        assertEquals(region, fact.getQueueId());
        assertEquals("PHONE", fact.getChannel());
        assertEquals(ServiceCategory.POLICY_ANSWER, fact.getCategory());
        assertEquals("BASICALLY_SATISFIED", fact.getAnswer());
        assertEquals(80, fact.getScore());
        assertEquals(answeredAt.toString(), fact.getAnsweredAt());
        assertEquals(false, new String(stored.payload(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("13905330000"), "no caller number in the fact");
    }

    @Test
    void refusesABadAnswerAnUnknownContactAndAnotherProvincesContactAndStoresNothing() {
        String region = TestRegions.open();
        String call = "call-" + UUID.randomUUID();
        event(call, "OFFERED", Instant.now().minusSeconds(60), ",\"dialedNumber\":\"0533-12393\","
                + "\"callerNumber\":\"13905330000\",\"ivrRegionCode\":\"" + region + "\"");
        String contact = given().header("Authorization", SWITCH).when().get("/api/v1/calls/" + call)
                .then().statusCode(200).extract().path("contactId");

        for (String bad : new String[] { "{\"answer\":\"5\"}", "{\"answer\":\"VERY_SATISFIED\"}", "{}",
                "{\"answer\":\"SATISFIED\",\"answeredAt\":\"" + Instant.now().plusSeconds(7200) + "\"}" }) {
            answer(contact, bad).statusCode(400).contentType("application/problem+json");
        }
        answer(UUID.randomUUID().toString(), "{\"answer\":\"SATISFIED\"}").statusCode(404)
                .body("type", equalTo("urn:hotline:problem:contact-not-found"));
        given().header("Authorization", TestTokens.bearer("service", "37")).contentType(ContentType.JSON)
                .body("{\"answer\":\"SATISFIED\"}").when().post("/api/v1/contacts/" + contact + "/survey")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("agent", "42")).contentType(ContentType.JSON)
                .body("{\"answer\":\"SATISFIED\"}").when().post("/api/v1/contacts/" + contact + "/survey")
                .then().statusCode(403);
        given().header("Authorization", SWITCH).when().get("/api/v1/contacts/" + contact + "/survey")
                .then().statusCode(404);
        assertEquals(0, feed.of(contact).stream().filter(e -> e.type().equals("intake.survey.answered")).count());

        // Unanswered (abandoned) calls may be rated too: no agent is named.
        answer(contact, "{\"answer\":\"不满意\"}").statusCode(201).body("score", equalTo(0))
                .body("agentId", equalTo(null)).body("queueId", equalTo(region));
        assertEquals("", feed.single(contact, "intake.survey.answered").as(SurveyAnswered.parser()).getAgentId());
    }

    private static ValidatableResponse answer(String contact, String body) {
        return given().header("Authorization", SWITCH).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/contacts/" + contact + "/survey").then().log().ifValidationFails();
    }

    private static void event(String call, String type, Instant at, String extra) {
        given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                        + "\",\"occurredAt\":\"" + at + "\"" + extra + "}")
                .when().post("/api/v1/calls/events").then().log().ifValidationFails().statusCode(200);
    }
}
