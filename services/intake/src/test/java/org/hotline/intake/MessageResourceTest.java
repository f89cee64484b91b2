package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hotline.intake.service.ServiceHoursCalendar;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageResourceTest {

    /** Routing's answers intake holds; forgotten where a test takes routing down, so intake has to ask it. */
    @jakarta.inject.Inject
    org.hotline.intake.service.KnownRegions knownRegions;

    private static final String GATEWAY = TestTokens.bearer("service", "*");

    @Inject
    ServiceHoursCalendar hours;

    @Inject
    org.hotline.intake.service.WorkingDays workingDays;

    /** The fault-tolerance breakers of the clients, reset after each test that takes a peer down. */
    @jakarta.inject.Inject
    io.smallrye.faulttolerance.api.CircuitBreakerMaintenance breakers;

    @AfterEach
    void knowledgeBackUp() {
        StandInRouting.DOWN.set(false);
        StandInKnowledge.DOWN.set(false);
        StandInWorkOrders.DOWN.set(false);
        // A breaker opened by this test's outage would otherwise still be open for the next test (or class).
        breakers.resetAll();
    }

    @Test
    void sundayTenPmIsOutsideServiceHoursAndMondayNineOpens() {
        Instant sunday22 = Instant.parse("2026-11-22T14:00:00Z"); // 22:00 in Asia/Shanghai
        assertFalse(hours.isOpen("37", sunday22));
        assertEquals(Instant.parse("2026-11-23T01:00:00Z"), hours.nextOpening("37", sunday22));
        assertTrue(hours.isOpen("37", Instant.parse("2026-11-23T01:30:00Z")));
        assertFalse(hours.isOpen("37", Instant.parse("2026-11-23T04:30:00Z")), "12:30 is the lunch break");
    }

    @Test
    void serviceHoursFollowRoutingsCalendarWithHolidaysAndMakeUpDays() {
        workingDays.load("37", java.time.LocalDate.parse("2026-09-01"), java.time.LocalDate.parse("2026-10-31"))
                .await().atMost(Duration.ofSeconds(10));
        assertFalse(hours.isOpen("37", Instant.parse("2026-10-01T02:00:00Z")), "国庆节 10:00 is closed");
        assertTrue(hours.isOpen("37", Instant.parse("2026-09-20T02:00:00Z")), "the make-up Sunday 09-20 is open");
        assertFalse(hours.isOpen("37", Instant.parse("2026-09-27T02:00:00Z")), "中秋节 Sunday is closed");
        assertEquals(Instant.parse("2026-10-08T01:00:00Z"), hours.nextOpening("37", Instant.parse("2026-10-01T02:00:00Z")),
                "opens again on Thursday 10-08 09:00 after the holiday");
        assertTrue(hours.isOpen("37", Instant.parse("2026-10-10T02:00:00Z")), "the make-up Saturday 10-10 is open");
    }

    @Test
    void answersOutOfHoursQuestionAutomaticallyWithItsCitation() {
        given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                .body(message("WECHAT", "异地就医怎么备案", TestRegions.closed()))
                .when().post("/api/v1/messages")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/messages/"))
                .body("outcome", equalTo("AUTOMATIC_ANSWER"))
                .body("category", equalTo("POLICY_ANSWER"))
                .body("serviceOpen", equalTo(false))
                .body("reply", containsString("备案"))
                .body("answer.citations.documentNumber", hasItem("医保发〔2022〕22号"))
                .body("queryCode", nullValue());
    }

    @Test
    void unansweredQuestionBecomesAWorkOrderTheCitizenCanFollowByQueryCode() throws InterruptedException {
        var created = given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                .body(message("APP", "我父亲的门诊慢特病待遇为什么停了", TestRegions.closed()))
                .when().post("/api/v1/messages")
                .then().statusCode(201)
                .body("outcome", equalTo("WORK_ORDER"))
                .body("queryCode", notNullValue())
                .body("reply", containsString("查询码"))
                .extract();
        String code = created.path("queryCode");
        // Another test sends the same words: the order is found by this message's contact, not by its title.
        String contactId = created.path("contactId");
        String status = "RECEIVED";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while ("RECEIVED".equals(status) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            status = given().header("X-Forwarded-For", "10.2.2." + (int) (Math.random() * 250))
                    .when().get("/api/v1/public/cases/" + code).then().statusCode(200)
                    .extract().path("status");
        }
        assertEquals("IN_PROGRESS", status);
        assertTrue(StandInWorkOrders.forContact(contactId) != null, "the case became a work order in routing");
        StandInWorkOrders.reply(contactId, "经核查，待遇已恢复。");
        given().when().get("/api/v1/public/cases/" + code.toLowerCase())
                .then().statusCode(200).body("status", equalTo("REPLIED"))
                .body("reply", equalTo("经核查，待遇已恢复。"))
                .body("expectedAt", notNullValue());
        given().when().get("/api/v1/public/cases/ZZZZZZZZZZZZ").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void messageTakenWhileRoutingIsDownBecomesAWorkOrderOfItsRegionOnceRoutingIsBack() throws InterruptedException {
        StandInRouting.DOWN.set(true);
        knownRegions.forget();
        StandInWorkOrders.DOWN.set(true);
        String region = TestRegions.open();
        var created = given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                .body(message("WEB", "投诉窗口工作人员推诿不办", region))
                .when().post("/api/v1/messages")
                .then().statusCode(201).body("category", equalTo("FEEDBACK")).body("outcome", equalTo("WORK_ORDER"))
                .body("handOff.handOffStatus", equalTo("PENDING"))
                .extract();
        String code = created.path("queryCode");
        String contactId = created.path("contactId");
        StandInRouting.DOWN.set(false);
        StandInWorkOrders.DOWN.set(false);
        String status = "RECEIVED";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while ("RECEIVED".equals(status) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            status = given().header("X-Forwarded-For", "10.1.1." + (int) (Math.random() * 250))
                    .when().get("/api/v1/public/cases/" + code).then().statusCode(200).extract().path("status");
        }
        assertEquals("IN_PROGRESS", status);
        var order = StandInWorkOrders.forContact(contactId);
        assertEquals(region, order.getRegionCode());
        assertEquals("42", order.getTenant());
        assertEquals("FEEDBACK", order.getCategory());
    }

    @Test
    void knowledgeDownGivesPoliteFallbackAndAHumanCaseNeverAnError() {
        StandInKnowledge.DOWN.set(true);
        given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                .body(message("WEB", "异地就医怎么备案", TestRegions.open()))
                .when().post("/api/v1/messages")
                .then().statusCode(201)
                .body("outcome", equalTo("KNOWLEDGE_UNAVAILABLE"))
                .body("reply", containsString("转人工"))
                .body("queryCode", notNullValue());
    }

    @Test
    void replaysTheFirstMessageForARepeatedIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String body = message("WECHAT", "异地就医怎么备案", TestRegions.open());
        String first = given().header("Authorization", GATEWAY).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/messages")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", GATEWAY).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/messages")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    @Test
    void refusesUnknownChannelOversizedTextAndInvalidPhone() {
        String region = TestRegions.open();
        bad("{\"channel\":\"PHONE\",\"text\":\"你好\",\"regionCode\":\"" + region + "\"}", "channel");
        bad("{\"channel\":\"FAX\",\"text\":\"你好\"}", "channel");
        bad("{\"channel\":\"WEB\",\"text\":\"" + "长".repeat(2001) + "\"}", "text");
        bad("{\"channel\":\"WEB\",\"text\":\"你好\",\"phone\":\"call me\"}", "phone");
        bad("{\"channel\":\"WEB\",\"text\":\"  \"}", "text");
    }

    @Test
    void limitsPublicLookupsPerClient() {
        String client = "10.9." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = given().header("X-Forwarded-For", client).when().get("/api/v1/public/cases/ZZZZZZZZZZZZ")
                    .then().extract().statusCode();
        }
        assertEquals(429, status);
        given().header("X-Forwarded-For", client).when().get("/api/v1/public/cases/ZZZZZZZZZZZZ")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .contentType("application/problem+json");
    }

    private static String message(String channel, String text, String region) {
        return "{\"channel\":\"" + channel + "\",\"text\":\"" + text + "\",\"phone\":\"13905330000\","
                + "\"regionCode\":\"" + region + "\"}";
    }

    private static void bad(String body, String field) {
        given().header("Authorization", GATEWAY).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/messages")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
