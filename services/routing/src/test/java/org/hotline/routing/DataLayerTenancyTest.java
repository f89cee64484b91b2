package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation below the resource code: {@link UncheckedDataProbe} forgot every check, yet through the
 * repositories a Hubei token reaches none of Shandong's work orders, their history or units (the Hibernate tenant
 * filter, docs/security.md). Each read is first shown to work for the owning province, so that 404 means filtered.
 */
@QuarkusTest
class DataLayerTenancyTest {

    private static final String HUBEI_AGENT = TestTokens.bearer("agent", "42");

    @Test
    void withoutTheResourcesCheckAnotherProvinceCannotReadSearchOrChangeAWorkOrderOrItsUnit() {
        String k = "DL" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 data layer " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String order = Fixture.order("37", "370300", k, "FEEDBACK");
        String shandong = Fixture.agent("37");
        given().header("Authorization", shandong).when().get("/test/unchecked/work-orders/" + order)
                .then().statusCode(200).body("tenant", equalTo("37"));
        given().header("Authorization", shandong).when().get("/test/unchecked/work-orders/" + order + "/history")
                .then().statusCode(200).body("$", not(empty()));
        given().header("Authorization", Fixture.operator()).when().get("/test/unchecked/work-orders")
                .then().statusCode(200).body("ids", hasItem(order));
        given().header("Authorization", shandong).when().get("/test/unchecked/units/" + unit).then().statusCode(200);

        // Read by id, search "all tenants", read the history, change it, read its unit: nothing of Shandong.
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/work-orders/" + order)
                .then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/work-orders")
                .then().statusCode(200).body("ids", not(hasItem(order))).body("tenants", everyItem(equalTo("42")));
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/work-orders/" + order + "/history")
                .then().statusCode(200).body("$", empty());
        given().header("Authorization", HUBEI_AGENT).when().post("/test/unchecked/work-orders/" + order + "/supervise")
                .then().statusCode(404);
        given().header("Authorization", Fixture.handler("42", Fixture.unit("42", "武汉 data layer " + k, "CITY_AGENCY",
                "420100", null))).when().get("/test/unchecked/units/" + unit).then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/work-orders/" + UUID.randomUUID())
                .then().statusCode(404);
        // Shandong's order is not supervised: the change above found nothing to change.
        given().header("Authorization", shandong).when().get("/test/unchecked/work-orders/" + order)
                .then().statusCode(200).body("supervised", equalTo("false"));
    }

    @Test
    void aNationalTenantClaimOnARoleThatMayNotBeNationalSeesNoWorkOrders() {
        Fixture.order("37", "370300", "DLN" + Fixture.unique(), "FEEDBACK");
        given().header("Authorization", Fixture.operator()).when().get("/test/unchecked/work-orders")
                .then().statusCode(200).body("ids", not(empty()));
        for (String role : new String[] { "agent", "handler", "leader" }) {
            given().header("Authorization", TestTokens.bearer(role, "*")).when().get("/test/unchecked/work-orders")
                    .then().statusCode(200).body("ids", empty()).body("count", equalTo(0));
        }
    }
}
