package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegionResourceTest {

    @Test
    void resolvesZiboFromDialedAreaCode() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0533-12393").queryParam("callerNumber", "13905330000")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370300"))
                .body("poolingRegionName", equalTo("淄博市"))
                .body("provinceCode", equalTo("370000"))
                .body("decidedBy", equalTo("DIALED_AREA_CODE"));
    }

    @Test
    void ivrChoiceWinsOverDialedNumber() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "+86 533 12393").queryParam("ivrRegionCode", "420100")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("420100"))
                .body("decidedBy", equalTo("IVR_CHOICE"));
    }

    @Test
    void rejectsMalformedDialedNumberAsProblem() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "call-me-maybe")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:validation"))
                .body("violations[0].field", equalTo("dialedNumber"));
    }

    @Test
    void refusesCallsWithoutToken() {
        given().queryParam("dialedNumber", "0533-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesForgedToken() {
        given().header("Authorization", "Bearer " + TestTokens.forged("agent", "37"))
                .queryParam("dialedNumber", "0533-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(401);
    }

    @Test
    void refusesEvaluatorRole() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .queryParam("dialedNumber", "0533-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }
}
