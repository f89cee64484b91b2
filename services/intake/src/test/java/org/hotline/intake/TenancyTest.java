package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Another province's contacts, calls, callbacks and messages: unknown (404) to read, absent from lists, refused to
 * change; the caller's full number only for the roles that call back (TESTING.md rule 3).
 */
@QuarkusTest
class TenancyTest {

    private static final String SHANDONG_AGENT = TestTokens.bearer("agent", "37");
    private static final String HUBEI_AGENT = TestTokens.bearer("agent", "42");
    private static final String HUBEI_SWITCH = TestTokens.bearer("service", "42");

    @Test
    void anotherProvincesRecordsAreUnknownAbsentFromListsAndCannotBeChanged() {
        String contact = given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/contacts/" + contact).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("leader", "42")).when().get("/api/v1/contacts/" + contact)
                .then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/contacts?size=200")
                .then().statusCode(200).body("items.id", not(hasItem(contact))).body("items.tenant", everyItem(equalTo("42")));
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/contacts?tenant=37").then().statusCode(403);

        String call = "call-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("service", "37")).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"OFFERED\","
                        + "\"occurredAt\":\"" + Instant.now() + "\",\"dialedNumber\":\"0533-12393\","
                        + "\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/calls/events").then().statusCode(200);
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/calls/" + call).then().statusCode(404);
        given().header("Authorization", HUBEI_SWITCH).when().get("/api/v1/calls/" + call + "/queue-position")
                .then().statusCode(404);
        // Modify: Hubei's switch can neither book a callback for nor send events about Shandong's call.
        given().header("Authorization", HUBEI_SWITCH).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/calls/" + call + "/callback").then().statusCode(404);
        given().header("Authorization", HUBEI_SWITCH).contentType(ContentType.JSON)
                .body("{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"ABANDONED\","
                        + "\"occurredAt\":\"" + Instant.now() + "\"}")
                .when().post("/api/v1/calls/events").then().statusCode(404);
        given().header("Authorization", SHANDONG_AGENT).when().get("/api/v1/calls/" + call)
                .then().statusCode(200).body("state", equalTo("OFFERED")).body("callbackId", equalTo(null));

        String message = given().header("Authorization", TestTokens.bearer("service", "37"))
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"WECHAT\",\"text\":\"异地就医怎么备案\",\"regionCode\":\"370300\"}")
                .when().post("/api/v1/messages").then().statusCode(201).extract().path("id");
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/messages/" + message).then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/api/v1/callbacks/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void theFullCallerNumberIsShownOnlyToRolesThatCallBack() {
        String contact = given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        given().header("Authorization", SHANDONG_AGENT).when().get("/api/v1/contacts/" + contact)
                .then().statusCode(200).body("callerNumber", equalTo("+8613905330000"));
        for (String role : new String[] { "leader", "tenant-admin" }) {
            given().header("Authorization", TestTokens.bearer(role, "37")).when().get("/api/v1/contacts/" + contact)
                    .then().statusCode(200).body("callerNumber", equalTo("139****0000"));
        }
        given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .when().get("/api/v1/contacts/" + contact).then().statusCode(200)
                .body("callerNumber", equalTo("139****0000"));
    }
}
