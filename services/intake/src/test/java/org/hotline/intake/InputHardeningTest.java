package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Bad input is a 400 naming what is wrong, never a 404, a 500 or a silent drop (common's strict JSON, problem
 * mappers and request filters, which every service gets), and nothing is stored.
 */
@QuarkusTest
class InputHardeningTest {

    private static final String AGENT = TestTokens.bearer("agent", "37");
    private static final String ZIBO_CALL = "{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\","
            + "\"callerNumber\":\"13905330000\"";

    @Test
    void unparseableQueryParameterIsA400NamingIt() {
        given().header("Authorization", AGENT).when().get("/api/v1/contacts?size=abc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("size"));
        given().header("Authorization", AGENT).when().get("/api/v1/calls?page=x&size=5")
                .then().statusCode(400).body("violations.field", hasItem("page"));
    }

    @Test
    void unknownBodyFieldIsRefusedByName() {
        long before = total();
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body(ZIBO_CALL + ",\"priorty\":\"URGENT\"}").when().post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("priorty"))
                .body("violations.message", hasItem(containsString("not a known field")));
        assertEquals(before, total());
    }

    @Test
    void duplicatedJsonKeyIsA400() {
        long before = total();
        given().header("Authorization", AGENT).contentType(ContentType.JSON)
                .body(ZIBO_CALL + ",\"callerNumber\":\"13800000000\"}").when().post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:duplicate-json-key"))
                .body("violations.field", hasItem("callerNumber"));
        assertEquals(before, total());
    }

    @Test
    void nulCharacterInABodyOrAQueryIsA400() {
        long before = total();
        given().header("Authorization", TestTokens.bearer("service", "*")).contentType(ContentType.JSON)
                .body("{\"channel\":\"WEB\",\"text\":\"异地就医\\u0000怎么备案\",\"regionCode\":\"370300\"}")
                .when().post("/api/v1/messages")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("text"))
                .body("violations.message", hasItem(containsString("NUL")));
        given().header("Authorization", AGENT).urlEncodingEnabled(false)
                .when().get("/api/v1/contacts?tenant=3%007")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:nul-character"));
        assertEquals(before, total());
    }

    @Test
    void idempotencyKeyLongerThan128CharactersIsA400() {
        long before = total();
        given().header("Authorization", AGENT).header("Idempotency-Key", "k".repeat(129))
                .contentType(ContentType.JSON).body(ZIBO_CALL + "}").when().post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("Idempotency-Key"))
                .body("detail", containsString("at most 128 characters"));
        assertEquals(before, total());
    }

    @Test
    void overLongValueIsReportedWithItsLimitNotAsRequired() {
        given().header("Authorization", TestTokens.bearer("service", "*")).contentType(ContentType.JSON)
                .body("{\"question\":\"" + "问".repeat(2001) + "\"}")
                .when().post("/api/v1/calls/call-" + UUID.randomUUID() + "/questions")
                .then().statusCode(400).body("violations.message", hasItem("must be at most 2000 characters"));
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIsA422AndTheSameBodyReplays() {
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", AGENT).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(ZIBO_CALL + "}").when().post("/api/v1/contacts")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", AGENT).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(ZIBO_CALL + "}").when().post("/api/v1/contacts")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        long before = total();
        given().header("Authorization", AGENT).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13800000000\"}")
                .when().post("/api/v1/contacts")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:idempotency-key-reused"));
        assertEquals(before, total());
    }

    @Test
    void theSameKeyAndSubjectInAnotherTenantIsAnotherRecord() {
        String key = UUID.randomUUID().toString();
        // Tokens whose subject is the same in both provinces (TESTING.md rule 5).
        String shandong = bearerAs("same-user", "agent", "37");
        String hubei = bearerAs("same-user", "agent", "42");
        String first = given().header("Authorization", shandong).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(ZIBO_CALL + "}").when().post("/api/v1/contacts")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", hubei).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"027-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("tenant", equalTo("42")).body("id", org.hamcrest.Matchers.not(equalTo(first)));
    }

    @Test
    void backDatedOrFarFutureCallEventsAreRefused() {
        String call = "call-" + UUID.randomUUID();
        for (Instant at : new Instant[] { Instant.parse("1970-01-01T00:00:00Z"),
                Instant.now().minusSeconds(25 * 3600), Instant.now().plusSeconds(600) }) {
            given().header("Authorization", TestTokens.bearer("service", "*")).contentType(ContentType.JSON)
                    .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"OFFERED\","
                            + "\"occurredAt\":\"" + at + "\",\"dialedNumber\":\"0533-12393\","
                            + "\"callerNumber\":\"13905330000\"}")
                    .when().post("/api/v1/calls/events")
                    .then().statusCode(400).body("violations.field", hasItem("occurredAt"));
        }
        given().header("Authorization", TestTokens.bearer("service", "*")).when().get("/api/v1/calls/" + call)
                .then().statusCode(404);
    }

    /** A token with a chosen subject, the same in two tenants. */
    static String bearerAs(String subject, String role, String tenant) {
        return "Bearer " + io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).upn(subject).groups(role)
                .claim("tenant", tenant).expiresIn(java.time.Duration.ofHours(1)).jws().keyId("test")
                .sign(org.hotline.testing.TestKeys.get().privateKey());
    }

    private static long total() {
        return ((Number) given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .when().get("/api/v1/contacts?size=1")
                .then().statusCode(200).extract().path("total")).longValue();
    }
}
