package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calling the citizen back, refusing back-dated and reused requests and bad phone numbers, rework and the pool. */
@QuarkusTest
class WorkOrderCitizenAndIntegrityTest {

    private static Map<String, Object> body(String keyword) {
        Map<String, Object> b = new HashMap<>();
        b.put("regionCode", "370300");
        b.put("category", "FEEDBACK");
        b.put("title", "窗口推诿 " + keyword);
        b.put("description", "参保人反映窗口推诿。");
        b.put("citizenPhone", "13905330000");
        b.put("channel", "PHONE");
        return b;
    }

    @Test
    void theCentreAndTheHandlingUnitRevealTheNumberEachRevealAudited() {
        String k = "PH" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 phone " + k, "CITY_AGENCY", "370300", null);
        String other = Fixture.unit("37", "淄博 other " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String id = Fixture.order("37", "370300", k, "FEEDBACK");

        given().header("Authorization", Fixture.agent("37")).contentType(ContentType.JSON).body("{\"purpose\":\"回访\"}")
                .when().post("/api/v1/work-orders/" + id + "/citizen-phone")
                .then().statusCode(200).body("citizenPhone", equalTo("+8613905330000"));
        given().header("Authorization", Fixture.handler("37", unit)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/citizen-phone")
                .then().statusCode(200).body("citizenPhone", equalTo("+8613905330000"));
        given().header("Authorization", Fixture.handler("37", other)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/citizen-phone")
                .then().statusCode(404);
        given().header("Authorization", Fixture.agent("42")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/citizen-phone")
                .then().statusCode(404);
        given().header("Authorization", org.hotline.testing.TestTokens.bearer("evaluator", "37"))
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/citizen-phone")
                .then().statusCode(403);

        given().header("Authorization", Fixture.agent("37"))
                .when().get("/api/v1/work-orders/" + id + "/history")
                .then().statusCode(200)
                .body("findAll { it.action == 'PHONE_REVEALED' }.size()", equalTo(2))
                .body("find { it.action == 'PHONE_REVEALED' }.reason", equalTo("回访"));
        // Lists and the order itself stay masked.
        given().header("Authorization", Fixture.agent("37")).queryParam("size", 100)
                .when().get("/api/v1/work-orders")
                .then().statusCode(200)
                .body("items.citizenPhoneMasked", hasItem("139****0000"))
                .body("items.citizenPhoneMasked", not(hasItem("+8613905330000")));
    }

    @Test
    void backDatedReceivedAtIsRefusedAndNothingIsStored() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body("BD" + Fixture.unique());
        b.put("receivedAt", "1970-01-01T00:00:00Z");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(b).when().post("/api/v1/work-orders")
                .then().statusCode(400).body("violations[0].field", equalTo("receivedAt"));
        b.remove("receivedAt");
        // Nothing was stored under the key: the same key now creates the order.
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(b).when().post("/api/v1/work-orders")
                .then().statusCode(201);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIs422AndTheSameBodyReplays() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body("IK" + Fixture.unique());
        String id = given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(200).body("id", equalTo(id));
        b.put("description", "另一件事");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(422).body("type", equalTo("urn:hotline:problem:idempotency-key-reused"));
        given().header("Authorization", Fixture.agent("37"))
                .when().get("/api/v1/work-orders/" + id)
                .then().statusCode(200).body("description", equalTo("参保人反映窗口推诿。"));
    }

    @Test
    void aLeaderPhoneThatIsNoPhoneIsRefused() {
        Map<String, Object> unit = new HashMap<>();
        unit.put("name", "淄博 leader " + Fixture.unique());
        unit.put("kind", "CITY_AGENCY");
        unit.put("regionCode", "370300");
        unit.put("leaderName", "王主任");
        unit.put("leaderPhone", "not-a-phone");
        given().header("Authorization", Fixture.admin("37")).contentType(ContentType.JSON).body(unit)
                .when().post("/api/v1/units")
                .then().statusCode(400).body("violations[0].field", equalTo("leaderPhone"));
    }

    @Test
    void satisfactionIsClearedByAReopenAndKeptInTheHistory() {
        String k = "SAT" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 sat " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String id = Fixture.order("37", "370300", k, "FEEDBACK");
        String handler = Fixture.handler("37", unit);
        for (String[] step : new String[][] { { handler, "accept", "{}" }, { handler, "reply", "{\"reply\":\"已处理\"}" },
                { Fixture.agent("37"), "callback", "{\"satisfied\":true,\"note\":\"满意\"}" } }) {
            given().header("Authorization", step[0]).contentType(ContentType.JSON).body(step[2])
                    .when().post("/api/v1/work-orders/" + id + "/" + step[1]).then().statusCode(200);
        }
        given().header("Authorization", Fixture.agent("37")).contentType(ContentType.JSON)
                .body("{\"reason\":\"市民再次来电，问题未解决\"}")
                .when().post("/api/v1/work-orders/" + id + "/reopen")
                .then().statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("satisfaction", nullValue());
        given().header("Authorization", Fixture.agent("37"))
                .when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("find { it.action == 'CALLBACK_DONE' }.reason", startsWith("SATISFIED"));
    }

    @Test
    void theCentreMovesADispatchedOrderIntoTheCityClaimPool() {
        String k = "MP" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 pool " + k, "CITY_AGENCY", "370300", null);
        String claimant = Fixture.unit("37", "张店 pool " + k, "COUNTY_OFFICE", "370303", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String id = Fixture.order("37", "370300", k, "POLICY_ANSWER");
        given().header("Authorization", Fixture.handler("37", unit)).contentType(ContentType.JSON)
                .body("{\"scope\":\"CITY\",\"reason\":\"人手不足\"}")
                .when().post("/api/v1/work-orders/" + id + "/pool")
                .then().statusCode(403);
        given().header("Authorization", Fixture.agent("37")).contentType(ContentType.JSON)
                .body("{\"scope\":\"CITY\",\"reason\":\"人手不足\"}")
                .when().post("/api/v1/work-orders/" + id + "/pool")
                .then().statusCode(200)
                .body("status", equalTo("POOLED"))
                .body("unitId", nullValue())
                .body("poolScope", equalTo("CITY"));
        given().header("Authorization", Fixture.handler("37", claimant)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/claim")
                .then().statusCode(200).body("status", equalTo("CLAIMED"));
        given().header("Authorization", Fixture.agent("37"))
                .when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("action", hasItem("POOLED"));
    }

    @Test
    void categoriesAreTheOneVocabularyAndTheFormerCodesStillRead() {
        Map<String, Object> b = body("CAT" + Fixture.unique());
        b.put("category", "线上预审");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(201).body("category", equalTo("ONLINE_PRE_REVIEW"));
        b.put("category", "POLICY");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(201).body("category", equalTo("POLICY_ANSWER"));
        b.put("category", "GOSSIP");
        given().header("Authorization", Fixture.agent("37")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(b).when().post("/api/v1/work-orders")
                .then().statusCode(400).body("violations[0].field", equalTo("category"));
    }
}
