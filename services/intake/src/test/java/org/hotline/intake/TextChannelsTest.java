package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.intake.v1.MessageAnswered;
import org.hotline.contracts.intake.v1.MessageHandedOff;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Web, app and WeChat contacts register without a dialed number: with the region they name, the address, the
 * caller's mobile, or the registering tenant's province; then get their automatic answer or their case.
 */
@QuarkusTest
class TextChannelsTest {

    private static final String OPERATOR = TestTokens.bearer("platform-operator", "*");

    @Inject
    FeedEvents feed;

    @Test
    void weChatMessageNamingItsRegionIsAnsweredAutomaticallyWithItsCitation() {
        var reply = message(TestTokens.bearer("service", "*"),
                "{\"channel\":\"WECHAT\",\"text\":\"异地就医怎么备案？\",\"regionCode\":\"370300\","
                        + "\"phone\":\"13905330000\"}")
                .body("outcome", equalTo("AUTOMATIC_ANSWER"))
                .body("category", equalTo("POLICY_ANSWER"))
                .body("answer.citations.documentNumber", hasItem("医保发〔2022〕22号"))
                .body("tenant", equalTo("37"))
                .extract();
        String contact = reply.path("contactId");
        region(contact).body("region.poolingRegionCode", equalTo("370300"))
                .body("region.poolingRegionName", equalTo("淄博市")).body("region.decidedBy", equalTo("IVR_CHOICE"))
                .body("channel", equalTo("WECHAT")).body("dialedNumber", nullValue());
        ContactRegistered registered = feed.single(contact, "intake.contact.registered")
                .as(ContactRegistered.parser());
        assertEquals("WECHAT", registered.getChannel());
        assertEquals("370300", registered.getRegionCode());
        assertEquals(org.hotline.common.v1.ServiceCategory.POLICY_ANSWER, registered.getCategory());
        // The pseudonymous caller key: HMAC-SHA256 of the number under the test profile's secret, not the number.
        assertEquals(hmac("test-only-caller-key-secret", "13905330000"), registered.getCallerKey());
        assertTrue(!new String(feed.single(contact, "intake.contact.registered").payload(),
                java.nio.charset.StandardCharsets.UTF_8).contains("13905330000"), "no caller number in the event");
        var answered = feed.single(reply.path("id"), "intake.message.answered");
        MessageAnswered fact = answered.as(MessageAnswered.parser());
        assertEquals("370300", fact.getRegionCode());
        assertTrue(!fact.getArticleId().isEmpty(), "the cited article");
        assertTrue(!new String(answered.payload(), java.nio.charset.StandardCharsets.UTF_8).contains("13905330000"),
                "no caller number in the event");
    }

    @Test
    void webContactWithAnIvrRegionAndNoNumbersIsRegistered() {
        String contact = given().header("Authorization", TestTokens.bearer("agent", "42"))
                .contentType(ContentType.JSON).body("{\"channel\":\"WEB\",\"ivrRegionCode\":\"420100\"}")
                .when().post("/api/v1/contacts")
                .then().log().ifValidationFails().statusCode(201)
                .body("region.status", equalTo("RESOLVED")).body("region.poolingRegionCode", equalTo("420100"))
                .body("region.poolingRegionName", equalTo("武汉市")).body("tenant", equalTo("42"))
                .extract().path("id");
        assertEquals("420100", feed.single(contact, "intake.contact.registered").as(ContactRegistered.parser())
                .getRegionCode());
    }

    @Test
    void appMessageWithOnlyAnAddressGetsTheRegionOfTheAddress() {
        var reply = message(TestTokens.bearer("service", "37"),
                "{\"channel\":\"APP\",\"text\":\"投诉定点药店刷卡多收费\",\"address\":\"山东省淄博市张店区华光路\"}")
                .body("outcome", equalTo("WORK_ORDER")).body("category", equalTo("FEEDBACK"))
                .body("queryCode", notNullValue())
                .extract();
        String contact = reply.path("contactId");
        region(contact).body("region.poolingRegionCode", equalTo("370300")).body("region.decidedBy", equalTo("ADDRESS"));
        ResolveRegionRequest asked = lastAsked("山东省淄博市张店区华光路");
        assertEquals("", asked.getDialedNumber());
        assertEquals("37", asked.getFallbackTenant());
        MessageHandedOff handedOff = feed.single(reply.path("id"), "intake.message.handed-off")
                .as(MessageHandedOff.parser());
        assertEquals("NEEDS_DEPARTMENT", handedOff.getReason());
        assertEquals("370300", handedOff.getRegionCode());
    }

    @Test
    void messageWithOnlyAMobileNumberGetsTheMobilesHomeRegion() {
        String contact = message(TestTokens.bearer("service", "*"),
                "{\"channel\":\"WEB\",\"text\":\"异地就医怎么备案\",\"phone\":\"13905330000\"}")
                .body("outcome", equalTo("AUTOMATIC_ANSWER")).extract().path("contactId");
        region(contact).body("region.poolingRegionCode", equalTo("370300"))
                .body("region.decidedBy", equalTo("CALLER_MOBILE_HOME"));
        assertEquals(1, feed.of(contact).stream().filter(e -> e.type().equals("intake.contact.registered")).count());
    }

    @Test
    void messageNamingNothingGoesToTheRegisteringProvincesCentralQueue() {
        String contact = message(TestTokens.bearer("service", "42"),
                "{\"channel\":\"WECHAT\",\"text\":\"我想提个建议：增加夜间咨询\"}")
                .body("category", equalTo("OPINION")).body("outcome", equalTo("WORK_ORDER"))
                .body("tenant", equalTo("42"))
                .extract().path("contactId");
        region(contact).body("region.status", equalTo("RESOLVED")).body("region.poolingRegionCode", equalTo("420000"))
                .body("region.decidedBy", equalTo("PROVINCE_CENTRAL"));
    }

    private static ValidatableResponse message(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .log().ifValidationFails()
                .when().post("/api/v1/messages").then().log().ifValidationFails().statusCode(201);
    }

    private static ValidatableResponse region(String contact) {
        return given().header("Authorization", OPERATOR).when().get("/api/v1/contacts/" + contact)
                .then().statusCode(200).body("region.status", equalTo("RESOLVED"));
    }

    private static ResolveRegionRequest lastAsked(String address) {
        return StandInRouting.REQUESTS.stream().filter(r -> r.getAddress().equals(address))
                .reduce((a, b) -> b).orElseThrow();
    }

    private static String hmac(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
