package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkOrderAccessTest {

    private static final String T = Fixture.TENANT;

    @Test
    void aHandlerCannotReadOrActOnAnotherUnitsOrders() {
        String k = "A" + Fixture.unique();
        String mine = Fixture.unit(T, "淄博 mine " + k, "CITY_AGENCY", "370300", null);
        String theirs = Fixture.unit(T, "淄博 theirs " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule(T, k, mine, null, 5, "WORKING_DAYS");
        String id = Fixture.order(T, "370300", k, "POLICY_ANSWER");
        String other = Fixture.handler(T, theirs);
        given().header("Authorization", other).when().get("/api/v1/work-orders/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", other).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/accept").then().statusCode(404);
        given().header("Authorization", other).when().get("/api/v1/work-orders/" + id + "/history").then().statusCode(404);
        given().header("Authorization", other).queryParam("size", 200).when().get("/api/v1/work-orders")
                .then().statusCode(200).body("items.unitId", everyItem(equalTo(theirs)));
        given().header("Authorization", other).queryParam("unitId", mine).when().get("/api/v1/work-orders")
                .then().statusCode(403);
        given().header("Authorization", Fixture.handler(T, mine)).queryParam("size", 200)
                .when().get("/api/v1/work-orders")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void anotherTenantsStaffCannotReadOrActOnTheOrder() {
        String k = "X" + Fixture.unique();
        String mine = Fixture.unit(T, "淄博 x " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule(T, k, mine, null, 5, "WORKING_DAYS");
        String id = Fixture.order(T, "370300", k, "POLICY_ANSWER");
        given().header("Authorization", Fixture.agent("42")).when().get("/api/v1/work-orders/" + id).then().statusCode(404);
        given().header("Authorization", Fixture.agent("42")).contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}").when().post("/api/v1/work-orders/" + id + "/supervise").then().statusCode(404);
        String wuhan = Fixture.unit("42", "武汉 x " + k, "CITY_AGENCY", "420100", null);
        given().header("Authorization", Fixture.handler("42", wuhan)).when().get("/api/v1/work-orders/" + id)
                .then().statusCode(404);
        given().header("Authorization", Fixture.agent("42")).queryParam("size", 200).when().get("/api/v1/work-orders")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Fixture.agent("42")).queryParam("tenant", "37").when().get("/api/v1/work-orders")
                .then().statusCode(403);
        given().header("Authorization", Fixture.operator()).when().get("/api/v1/work-orders/" + id).then().statusCode(200);
    }

    @Test
    void unitsCannotRegisterOrdersAndEvaluatorsCannotReadThem() {
        String k = "E" + Fixture.unique();
        String mine = Fixture.unit(T, "淄博 e " + k, "CITY_AGENCY", "370300", null);
        given().header("Authorization", Fixture.handler(T, mine)).contentType(ContentType.JSON)
                .body("{\"regionCode\":\"370300\",\"category\":\"POLICY_ANSWER\",\"title\":\"t\",\"description\":\"d\"}")
                .when().post("/api/v1/work-orders").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("evaluator", T)).when().get("/api/v1/work-orders")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("handler", T)).when().get("/api/v1/work-orders")
                .then().statusCode(403).body("type", equalTo("urn:hotline:problem:unit-missing"));
    }

    @Test
    void onlyTenantAdminsEditRulesOfTheirOwnTenant() {
        given().header("Authorization", Fixture.agent(T)).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"poolScope\":\"CITY\",\"limitValue\":1,\"limitUnit\":\"WORKING_DAYS\"}")
                .when().post("/api/v1/routing-rules").then().statusCode(403);
        String wuhan = Fixture.unit("42", "武汉 r " + Fixture.unique(), "CITY_AGENCY", "420100", null);
        given().header("Authorization", Fixture.admin(T)).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"targetUnitId\":\"" + wuhan + "\",\"limitValue\":1,\"limitUnit\":\"WORKING_DAYS\"}")
                .when().post("/api/v1/routing-rules").then().statusCode(400)
                .body("violations[0].field", equalTo("targetUnitId"));
    }
}
