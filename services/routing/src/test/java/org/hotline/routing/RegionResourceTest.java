package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
    void resolvesBeijingMunicipalityFromItsAreaCode() {
        given().header("Authorization", TestTokens.bearer("agent", "11"))
                .queryParam("dialedNumber", "010-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("110000"))
                .body("poolingRegionName", equalTo("北京市"))
                .body("provinceCode", equalTo("110000"))
                .body("tenant", equalTo("11"))
                .body("areaCode", equalTo("010"));
    }

    @Test
    void resolvesFuzhouFromLandlineCallerWhenDialedNumberHasNoAreaCode() {
        given().header("Authorization", TestTokens.bearer("agent", "35"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "0591-87654321")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("350100"))
                .body("poolingRegionName", equalTo("福州市"))
                .body("provinceName", equalTo("福建省"))
                .body("decidedBy", equalTo("CALLER_AREA_CODE"));
    }

    @Test
    void resolvesWenzhouFromIvrChoiceOfMobileCaller() {
        given().header("Authorization", TestTokens.bearer("agent", "33"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "+86 139 0533 0000")
                .queryParam("ivrRegionCode", "330300")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("330300"))
                .body("poolingRegionName", equalTo("温州市"))
                .body("provinceCode", equalTo("330000"))
                .body("decidedBy", equalTo("IVR_CHOICE"));
    }

    @Test
    void usesCarrierRegionWhenNothingElseDecides() {
        given().header("Authorization", TestTokens.bearer("agent", "42"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "13900000000")
                .queryParam("carrierRegionCode", "420106")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("420100"))
                .body("decidedBy", equalTo("CARRIER_REGION"));
    }

    @Test
    void answersUnknownAreaCodeWith404NamingIt() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0000-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:unknown-area-code"))
                .body("detail", containsString("0000"));
    }

    @Test
    void poolsMunicipalityDistrictsWithTheMunicipalityAndCountiesWithTheirCity() {
        given().header("Authorization", TestTokens.bearer("agent", "11"))
                .when().get("/api/v1/regions/110105")
                .then().statusCode(200)
                .body("name", equalTo("朝阳区"))
                .body("poolingRegionCode", equalTo("110000"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .when().get("/api/v1/regions/370303")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370300"));
        // A county-level city directly under its province (仙桃市) is its own pooling region.
        given().header("Authorization", TestTokens.bearer("agent", "42"))
                .when().get("/api/v1/regions/429004")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("429004"));
    }

    @Test
    void hainanPoolsAtProvinceLevel() {
        given().header("Authorization", TestTokens.bearer("agent", "46"))
                .queryParam("dialedNumber", "0898-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("460000"))
                .body("poolingRegionName", equalTo("海南省"));
    }

    @Test
    void provinceLevelPoolingTakesEffectOnItsDateAndOldDatesResolveAsBefore() {
        // A day far in the future that no other run has used, so the assignment never overlaps an earlier one.
        LocalDate from = LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 300_000));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body(Map.of("regionCode", "370000", "poolingCode", "370000", "effectiveFrom", from.toString(),
                        "effectiveTo", from.plusDays(1).toString(), "reason", "test"))
                .when().post("/api/v1/pooling-assignments")
                .then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0533-12393").queryParam("at", from + "T04:00:00Z")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200).body("poolingRegionCode", equalTo("370000"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0533-12393").queryParam("at", from.minusDays(1) + "T04:00:00Z")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200).body("poolingRegionCode", equalTo("370300"));
    }

    @Test
    void refusesPoolingChangeForAnotherTenant() {
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).contentType("application/json")
                .body(Map.of("regionCode", "370000", "poolingCode", "370000", "effectiveFrom", "2300-01-01"))
                .when().post("/api/v1/pooling-assignments")
                .then().statusCode(403);
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

    @Test
    void explicitRegionWinsWithoutAnyDialedNumber() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("ivrRegionCode", "370300")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370300"))
                .body("decidedBy", equalTo("IVR_CHOICE"));
    }

    @Test
    void addressNamesTheRegionByFullOrUnambiguousShortNames() {
        for (String address : new String[] { "山东省淄博市张店区华光路66号", "淄博张店区共青团西路", "山东淄博市周村区" }) {
            given().header("Authorization", TestTokens.bearer("agent", "37"))
                    .queryParam("address", address)
                    .when().get("/api/v1/regions/resolve")
                    .then().statusCode(200)
                    .body("poolingRegionCode", equalTo("370300"))
                    .body("decidedBy", equalTo("ADDRESS"));
        }
        // 鼓楼区 is a district of several cities: alone it decides nothing, and the fallback province takes it.
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("address", "鼓楼区中山路").queryParam("fallbackTenant", "37")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370000"))
                .body("decidedBy", equalTo("PROVINCE_CENTRAL"));
        // With its city it is unambiguous.
        given().header("Authorization", TestTokens.bearer("agent", "32"))
                .queryParam("address", "南京市鼓楼区中山路")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("320100"));
    }

    @Test
    void dialedAreaCodeWinsOverTheAddress() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0533-12393").queryParam("address", "湖北省武汉市江汉区")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370300"))
                .body("decidedBy", equalTo("DIALED_AREA_CODE"));
    }

    @Test
    void coordinatesResolveToTheNearestRegionAndFarAwayPointsDecideNothing() {
        given().header("Authorization", TestTokens.bearer("agent", "42"))
                .queryParam("lat", "30.59").queryParam("long", "114.30")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("420100"))
                .body("poolingRegionName", equalTo("武汉市"))
                .body("decidedBy", equalTo("COORDINATES"));
        // The middle of the Pacific is near no region: the fallback tenant's province central queue takes it.
        given().header("Authorization", TestTokens.bearer("agent", "42"))
                .queryParam("lat", "10.0").queryParam("long", "-150.0").queryParam("fallbackTenant", "42")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("420000"))
                .body("decidedBy", equalTo("PROVINCE_CENTRAL"));
    }

    @Test
    void unparseableCoordinatesAre400NamingTheParameter() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("lat", "north").queryParam("long", "118")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("lat"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("lat", "95").queryParam("long", "118")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("latitude"));
    }

    @Test
    void mobileCallerOfPlain12393ResolvesToItsHomeRegion() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "13905330000")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370300"))
                .body("poolingRegionName", equalTo("淄博市"))
                .body("decidedBy", equalTo("CALLER_MOBILE_HOME"));
    }

    @Test
    void nothingDecidesWithoutFallbackIs422AndWithItTheProvinceCentralQueue() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "17012345678")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(422)
                .body("type", equalTo("urn:hotline:problem:region-undetermined"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "12393").queryParam("callerNumber", "17012345678")
                .queryParam("fallbackTenant", "37")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200)
                .body("poolingRegionCode", equalTo("370000"))
                .body("provinceName", equalTo("山东省"))
                .body("decidedBy", equalTo("PROVINCE_CENTRAL"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("fallbackTenant", "3x")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("fallbackTenant"));
    }

    @Test
    void areaCodeWrittenAsSuchIsNeverShortenedToAKnownOne() {
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("dialedNumber", "0123-12393")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(404)
                .body("type", equalTo("urn:hotline:problem:unknown-area-code"))
                .body("detail", containsString("area code 0123."));
    }
}
