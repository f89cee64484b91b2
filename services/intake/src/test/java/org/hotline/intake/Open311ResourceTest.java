package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class Open311ResourceTest {

    private String apiKey;

    @BeforeEach
    void integrator() {
        apiKey = given().header("Authorization", TestTokens.bearer("tenant-admin", "42"))
                .contentType(ContentType.JSON).body("{\"name\":\"测试市民App\"}")
                .when().post("/api/v1/open311-integrators")
                .then().statusCode(201).body("tenant", equalTo("42")).extract().path("apiKey");
    }

    @Test
    void refusesSecondIntegratorForRepeatedIdempotencyKey() {
        String key = java.util.UUID.randomUUID().toString();
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"name\":\"重复提交App\"}")
                .when().post("/api/v1/open311-integrators")
                .then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"name\":\"重复提交App\"}")
                .when().post("/api/v1/open311-integrators")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:idempotency-key-reused"));
    }

    @Test
    void listsTheFiveServicesInJsonAndXml() {
        given().when().get("/open311/v2/services.json?jurisdiction_id=42")
                .then().statusCode(200).body("$", hasSize(5)).body("service_code", hasItem("FEEDBACK"))
                .body("service_name", hasItem("政策解答"));
        given().when().get("/open311/v2/services.xml?jurisdiction_id=42")
                .then().statusCode(200).contentType(containsString("xml"))
                .body("services.service.size()", equalTo(5))
                .body("services.service[0].service_code", equalTo("POLICY_ANSWER"));
        given().when().get("/open311/v2/services/FEEDBACK.xml?jurisdiction_id=42")
                .then().statusCode(200).body("service_definition.attributes.attribute.code", equalTo("region_code"));
        // GeoReport v2 makes jurisdiction_id optional: a client that sends none still discovers the five services.
        given().when().get("/open311/v2/services.json").then().statusCode(200).body("size()", equalTo(5));
        given().when().get("/open311/v2/services.json?jurisdiction_id=98").then().statusCode(404)
                .body("[0].description", containsString("jurisdiction_id"));
    }

    @Test
    void createsARequestAndShowsItsAgencyAndExpectedTimeInJsonAndXml() throws InterruptedException {
        String id = given().contentType(ContentType.URLENC)
                .formParam("api_key", apiKey).formParam("jurisdiction_id", "42")
                .formParam("service_code", "FEEDBACK").formParam("description", "药店夜间购药刷医保卡被拒")
                .formParam("lat", "30.58").formParam("long", "114.29").formParam("phone", "13905330000")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(201).body("[0].service_request_id", notNullValue()).body("[0].token", notNullValue())
                .extract().path("[0].service_request_id");
        String agency = null;
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (agency == null && Instant.now().isBefore(giveUp)) {
            Thread.sleep(300);
            agency = given().when().get("/open311/v2/requests/" + id + ".json?jurisdiction_id=42")
                    .then().statusCode(200).extract().path("[0].agency_responsible");
        }
        given().when().get("/open311/v2/requests/" + id + ".json?jurisdiction_id=42")
                .then().statusCode(200).body("[0].service_request_id", equalTo(id))
                .body("[0].agency_responsible", equalTo("武汉市医疗保障局"))
                .body("[0].expected_datetime", notNullValue())
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("FEEDBACK"));
        // Only the standard's fields were sent: the coordinates decided the region (武汉市), and routing was asked
        // with the jurisdiction as fallback.
        var asked = StandInRouting.REQUESTS.stream().filter(r -> r.getHasCoordinates()
                && Math.abs(r.getLatitude() - 30.58) < 1e-9).reduce((a, b) -> b).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals("42", asked.getFallbackTenant());
        org.junit.jupiter.api.Assertions.assertEquals("420100",
                StandInWorkOrders.forContact(id).getRegionCode());
        given().when().get("/open311/v2/requests/" + id + ".xml?jurisdiction_id=42")
                .then().statusCode(200).contentType(containsString("xml"))
                .body("service_requests.request.service_request_id", equalTo(id))
                .body("service_requests.request.agency_responsible", equalTo("武汉市医疗保障局"))
                .body("service_requests.request.expected_datetime", notNullValue());
        given().when().get("/open311/v2/requests.json?jurisdiction_id=42&service_request_id=" + id)
                .then().statusCode(200).body("$", hasSize(1));
        given().when().get("/open311/v2/requests.json?jurisdiction_id=42&service_code=FEEDBACK&status=open")
                .then().statusCode(200).body("service_request_id", hasItem(id));
    }

    @Test
    void aClientThatNamesNoJurisdictionFindsItsRequestByIdTokenAndListingButAnotherJurisdictionDoesNot() {
        // GeoReport v2: jurisdiction_id is optional; the api key decides the POST, the id or token the GETs.
        var created = given().contentType(ContentType.URLENC).formParam("api_key", apiKey)
                .formParam("service_code", "POLICY_ANSWER").formParam("description", "异地就医备案怎么办理")
                .formParam("lat", "30.58").formParam("long", "114.29")
                .when().post("/open311/v2/requests.json").then().statusCode(201).extract();
        String id = created.path("[0].service_request_id");
        String token = created.path("[0].token");
        given().when().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id)).body("[0].service_code", equalTo("POLICY_ANSWER"));
        given().when().get("/open311/v2/tokens/" + token + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(id));
        given().when().get("/open311/v2/requests.json?service_request_id=" + id).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].service_request_id", equalTo(id));
        given().when().get("/open311/v2/requests/" + id + ".json?jurisdiction_id=37").then().statusCode(404);
        given().when().get("/open311/v2/tokens/" + token + ".json?jurisdiction_id=37").then().statusCode(404);
    }

    @Test
    void answersMissingParametersWith400UnknownCodesWith404AndBadKeysWith403() {
        given().contentType(ContentType.URLENC).formParam("api_key", apiKey).formParam("description", "x")
                .formParam("address_string", "张店区")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(400).body("[0].description", containsString("service_code"));
        given().contentType(ContentType.URLENC).formParam("api_key", apiKey).formParam("service_code", "NOPE")
                .formParam("description", "x").formParam("address_string", "张店区")
                .when().post("/open311/v2/requests.xml")
                .then().statusCode(404).body("errors.error.code", equalTo("404"));
        given().contentType(ContentType.URLENC).formParam("api_key", "not-a-key").formParam("service_code", "POLICY")
                .formParam("description", "x").formParam("address_string", "张店区")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("api_key", apiKey).formParam("service_code", "POLICY")
                .formParam("description", "x")
                .when().post("/open311/v2/requests.json")
                .then().statusCode(400).body("[0].description", containsString("location"));
        given().when().get("/open311/v2/services/NOPE.json?jurisdiction_id=42").then().statusCode(404);
        given().when().get("/open311/v2/requests/00000000-0000-0000-0000-000000000000.json?jurisdiction_id=42")
                .then().statusCode(404);
        given().when().get("/open311/v2/requests.json?jurisdiction_id=42&start_date=yesterday")
                .then().statusCode(400);
    }
}
