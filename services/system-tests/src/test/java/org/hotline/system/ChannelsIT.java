package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per citizen channel (TESTING.md rule 2), through the packaged intake, routing and knowledge: phone with
 * and without an area code, a mobile without carrier region, web, app, WeChat, and Open311 with only the standard's
 * fields; each from registration to the automatic answer or the work order, and back to the citizen's status look-up.
 */
class ChannelsIT {

    private static final String SUFFIX = "_it4";
    /** The telephony switch of Shandong: a service identity of tenant 37. */
    private static final String SWITCH = TestTokens.bearer("service", "37");
    /** The web, app and WeChat gateway of Shandong. */
    private static final String GATEWAY = TestTokens.bearer("service", "37");
    private static final String AGENT = TestTokens.bearer("agent", "37");

    private static ServiceProcess routing;
    private static ServiceProcess knowledge;
    private static ServiceProcess intake;

    @BeforeAll
    static void startSuite() {
        for (String service : new String[] { "routing", "knowledge", "intake" }) {
            ServiceProcess.resetDatabase(service, SUFFIX);
        }
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", SUFFIX).start();
        knowledge = ServiceProcess.of("knowledge").with("hotline.db.suffix", SUFFIX).start();
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", SUFFIX)
                .calling("routing", routing).calling("knowledge", knowledge)
                .with("hotline.intake.region-retry.interval", "1s")
                .with("hotline.intake.hand-offs.max-backoff", "5s")
                // Every look-up of this class comes from one address; the per-client limit is tested elsewhere.
                .with("hotline.intake.public-lookups-per-minute", "10000")
                .start();
        IntakeWarmUp.untilRegionsResolve(intake, AGENT,
                "{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}");
        // A fresh knowledge JVM answers its first searches slower than intake's 3 s limit, which correctly gives the
        // polite fallback; as an operator would before opening the lines, wait until answers come automatically.
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        String outcome = null;
        while (!"AUTOMATIC_ANSWER".equals(outcome) && Instant.now().isBefore(giveUp)) {
            outcome = given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                    .body("{\"channel\":\"WEB\",\"text\":\"异地就医怎么备案？\",\"regionCode\":\"370300\"}")
                    .when().post(intake.baseUrl() + "/api/v1/messages").then().statusCode(201).extract().path("outcome");
            if (!"AUTOMATIC_ANSWER".equals(outcome)) {
                ServiceProcess.sleep(1000);
            }
        }
    }

    @AfterAll
    static void stopSuite() {
        for (ServiceProcess p : new ServiceProcess[] { intake, knowledge, routing }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    void phoneCallWithAnAreaCodeJoinsItsRegionsQueueAndItsCaseReachesTheCitizensLookUp() {
        String call = offer("0533-12393", "13905330000");
        position(call).body("regionCode", equalTo("370300"));
        String code = wrapUpAsWorkOrder(call, "投诉张店区某定点药店刷医保卡多收费，请核查");
        followUntilRouted(code);
    }

    @Test
    void phoneCallWithoutAnAreaCodeFromALandlineTakesTheCallersAreaCode() {
        String call = offer("12393", "0533-3120000");
        JsonPath record = given().header("Authorization", AGENT).when().get(intake.baseUrl() + "/api/v1/calls/" + call)
                .then().statusCode(200).extract().jsonPath();
        String contact = record.getString("contactId");
        contact(contact).body("region.poolingRegionCode", equalTo("370300"))
                .body("region.decidedBy", equalTo("CALLER_AREA_CODE"));
        position(call).body("regionCode", equalTo("370300"));
        followUntilRouted(wrapUpAsWorkOrder(call, "咨询职工医保关系转移到淄博需要哪些材料"));
    }

    @Test
    void mobileCallerOfPlain12393WithoutCarrierRegionIsQueuedNeverLeftPending() {
        String call = offer("12393", "13905330000");
        String contact = given().header("Authorization", AGENT).when().get(intake.baseUrl() + "/api/v1/calls/" + call)
                .then().statusCode(200).extract().path("contactId");
        // The mobile's home region (山东省淄博市 by libphonenumber's geocoder), or Shandong's central queue.
        contact(contact).body("region.status", equalTo("RESOLVED"))
                .body("region.provinceCode", equalTo("370000"));
        position(call).body("tenant", equalTo("37")).body("regionCode", notNullValue());
        String booked = given().header("Authorization", SWITCH).contentType(ContentType.JSON).body("{}")
                .when().post(intake.baseUrl() + "/api/v1/calls/" + call + "/callback")
                .then().statusCode(201).body("regionCode", notNullValue()).extract().path("regionCode");
        assertNotNull(booked, "the callback joins a queue an agent serves");
        followUntilRouted(wrapUpAsWorkOrder(call, "反映医保个人账户余额查询不到，请核实处理"));
    }

    @Test
    void webContactNamingItsRegionIsRegisteredAndAWebQuestionIsAnsweredWithItsCitation() {
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"WEB\",\"ivrRegionCode\":\"370300\"}")
                .when().post(intake.baseUrl() + "/api/v1/contacts")
                .then().statusCode(201).body("region.poolingRegionCode", equalTo("370300"))
                .body("region.decidedBy", equalTo("IVR_CHOICE"));
        message("{\"channel\":\"WEB\",\"text\":\"异地就医怎么备案？\",\"regionCode\":\"370300\"}")
                .body("outcome", equalTo("AUTOMATIC_ANSWER"))
                .body("answer.citations", not(org.hamcrest.Matchers.empty()));
    }

    @Test
    void appComplaintWithOnlyAnAddressBecomesAWorkOrderOfThatRegion() {
        String code = message("{\"channel\":\"APP\",\"text\":\"投诉淄博市张店区某医院住院乱收费\","
                + "\"address\":\"山东省淄博市张店区华光路\"}")
                .body("outcome", equalTo("WORK_ORDER")).body("category", equalTo("FEEDBACK"))
                .extract().path("queryCode");
        assertNotNull(code);
        followUntilRouted(code);
    }

    @Test
    void weChatQuestionNamingItsRegionIsAnsweredAutomaticallyWithItsCitation() {
        String contact = message("{\"channel\":\"WECHAT\",\"text\":\"异地就医怎么备案？\",\"regionCode\":\"370300\"}")
                .body("outcome", equalTo("AUTOMATIC_ANSWER"))
                .body("category", equalTo("POLICY_ANSWER"))
                .body("reply", not(emptyOrNullString()))
                .body("answer.citations.documentName", not(org.hamcrest.Matchers.empty()))
                .extract().path("contactId");
        contact(contact).body("region.poolingRegionCode", equalTo("370300"));
    }

    @Test
    void open311RequestWithOnlyTheStandardsFieldsIsRoutedAndFollowedByItsToken() {
        String apiKey = given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .contentType(ContentType.JSON).body("{\"name\":\"淄博市民服务平台\"}")
                .when().post(intake.baseUrl() + "/api/v1/open311-integrators")
                .then().statusCode(201).extract().path("apiKey");
        JsonPath created = given().contentType(ContentType.URLENC)
                .formParam("api_key", apiKey).formParam("jurisdiction_id", "37")
                .formParam("service_code", "FEEDBACK").formParam("description", "张店区某定点药店夜间拒绝刷医保卡")
                .formParam("address_string", "山东省淄博市张店区华光路")
                .formParam("email", "citizen@example.org").formParam("first_name", "明")
                .formParam("last_name", "王")
                .when().post(intake.baseUrl() + "/open311/v2/requests.json")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("[0].service_request_id");
        String token = created.getString("[0].token");
        followUntilRouted(token);
        // The unit's name once a unit has the order; while it waits in routing's claim pool there is none (never "").
        JsonPath request = given().when()
                .get(intake.baseUrl() + "/open311/v2/requests/" + id + ".json?jurisdiction_id=37")
                .then().statusCode(200).body("[0].status", equalTo("open"))
                .body("[0].status_notes", org.hamcrest.Matchers.containsString("已受理"))
                .extract().jsonPath();
        String agency = request.getString("[0].agency_responsible");
        org.junit.jupiter.api.Assertions.assertTrue(agency == null || !agency.isBlank(), "agency: " + agency);
        given().when().get(intake.baseUrl() + "/open311/v2/requests/" + id + ".xml?jurisdiction_id=37")
                .then().statusCode(200).body("service_requests.request.service_code", equalTo("FEEDBACK"))
                .body("service_requests.request.expected_datetime", not(emptyOrNullString()));
        given().when().get(intake.baseUrl() + "/open311/v2/tokens/" + token + ".json?jurisdiction_id=37")
                .then().statusCode(200).body("service_request_id", hasItem(id));
        given().when().get(intake.baseUrl() + "/open311/v2/services.json?jurisdiction_id=98").then().statusCode(404);
    }

    /** The switch's OFFERED and QUEUED events of a new call; returns the call id. */
    private static String offer(String dialed, String caller) {
        String call = "call-" + UUID.randomUUID();
        event(call, "OFFERED", ",\"dialedNumber\":\"" + dialed + "\",\"callerNumber\":\"" + caller + "\"");
        event(call, "QUEUED", "");
        return call;
    }

    /** Answer and end the call with a work order; returns the case's query code. */
    private static String wrapUpAsWorkOrder(String call, String summary) {
        event(call, "ANSWERED", ",\"agentId\":\"agent-zibo-1\"");
        return event(call, "ENDED", ",\"agentId\":\"agent-zibo-1\",\"outcome\":\"WORK_ORDER\",\"summary\":\""
                + summary + "\"").extract().path("handOff.queryCode");
    }

    private static io.restassured.response.ValidatableResponse event(String call, String type, String extra) {
        return given().header("Authorization", SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                        + "\",\"occurredAt\":\"" + Instant.now() + "\"" + extra + "}")
                .when().post(intake.baseUrl() + "/api/v1/calls/events")
                .then().log().ifValidationFails().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse position(String call) {
        return given().header("Authorization", SWITCH)
                .when().get(intake.baseUrl() + "/api/v1/calls/" + call + "/queue-position")
                .then().log().ifValidationFails().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse contact(String id) {
        return given().header("Authorization", AGENT).when().get(intake.baseUrl() + "/api/v1/contacts/" + id)
                .then().log().ifValidationFails().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse message(String body) {
        return given().header("Authorization", GATEWAY).contentType(ContentType.JSON).body(body)
                .when().post(intake.baseUrl() + "/api/v1/messages")
                .then().log().ifValidationFails().statusCode(201);
    }

    /** The citizen's look-up by query code until routing has the case (IN_PROGRESS, with a deadline). */
    private static void followUntilRouted(String code) {
        assertNotNull(code, "a query code for the citizen");
        String status = poll(() -> {
            String s = given().header("X-Forwarded-For", "10.4." + (int) (Math.random() * 250) + ".1")
                    .when().get(intake.baseUrl() + "/api/v1/public/cases/" + code)
                    .then().statusCode(200).extract().path("status");
            return "RECEIVED".equals(s) ? null : s;
        });
        assertEquals("IN_PROGRESS", status);
        given().when().get(intake.baseUrl() + "/api/v1/public/cases/" + code.toLowerCase())
                .then().statusCode(200).body("expectedAt", notNullValue());
    }

    /** Polls until the supplier gives a value (the hand-off to routing is asynchronous), at most 60 s. */
    private static <T> T poll(Supplier<T> read) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        T value = read.get();
        while (value == null && Instant.now().isBefore(giveUp)) {
            ServiceProcess.sleep(300);
            value = read.get();
        }
        return value;
    }
}
