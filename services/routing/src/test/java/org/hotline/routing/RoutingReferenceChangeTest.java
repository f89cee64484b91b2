package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Orders are routed from the tenant's rules and units held in memory: a change made through the API applies to the
 * very next order, as it did when every order read them from the database.
 */
@QuarkusTest
class RoutingReferenceChangeTest {

    @Test
    void anEndedRuleNoLongerRoutesTheNextOrder() {
        String keyword = "EndRule" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博市医保局 " + keyword, "CITY_AGENCY", "370300", null);
        String rule = Fixture.rule("37", keyword, unit, null, 5, "WORKING_DAYS");
        String first = Fixture.order("37", "370303", keyword, "DATA_LOOKUP");
        given().header("Authorization", Fixture.agent("37")).when().get("/api/v1/work-orders/" + first)
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("unitId", equalTo(unit))
                .body("unitName", equalTo("淄博市医保局 " + keyword));

        given().header("Authorization", Fixture.admin("37")).when().delete("/api/v1/routing-rules/" + rule)
                .then().statusCode(200);
        String second = Fixture.order("37", "370303", keyword, "DATA_LOOKUP");
        given().header("Authorization", Fixture.agent("37")).when().get("/api/v1/work-orders/" + second)
                .then().statusCode(200).body("unitId", not(equalTo(unit)));
    }

    @Test
    void aRenamedUnitIsShownByItsNewNameAtOnce() {
        String keyword = "Rename" + Fixture.unique();
        String unit = Fixture.unit("37", "张店区医保中心 " + keyword, "COUNTY_OFFICE", "370303", null);
        Fixture.rule("37", keyword, unit, null, 5, "WORKING_DAYS");
        String order = Fixture.order("37", "370303", keyword, "DATA_LOOKUP");
        given().header("Authorization", Fixture.admin("37")).contentType(ContentType.JSON)
                .body(Map.of("name", "张店区医疗保障服务中心 " + keyword, "kind", "COUNTY_OFFICE", "regionCode", "370303"))
                .when().put("/api/v1/units/" + unit).then().statusCode(200);
        given().header("Authorization", Fixture.handler("37", unit)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + order + "/accept")
                .then().statusCode(200).body("unitName", equalTo("张店区医疗保障服务中心 " + keyword));
    }
}
