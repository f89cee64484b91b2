package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Another province's roles walk every routing endpoint that names tenant 37's data (orders, units, rules, calendars,
 * pooling): each read, list and change is 403 or 404, never data, and nothing changes.
 */
@QuarkusTest
class CrossTenantMatrixTest {

    @Test
    void anotherProvincesRolesGetNoDataAndChangeNothing() {
        String k = "X" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 matrix " + k, "CITY_AGENCY", "370300", null);
        String rule = Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String order = Fixture.order("37", "370300", k, "FEEDBACK");
        String foreignUnit = Fixture.unit("42", "武汉 matrix " + k, "CITY_AGENCY", "420100", null);

        Map<String, String> intruders = new LinkedHashMap<>();
        intruders.put("agent@42", TestTokens.bearer("agent", "42"));
        intruders.put("tenant-admin@42", TestTokens.bearer("tenant-admin", "42"));
        intruders.put("leader@42", TestTokens.bearer("leader", "42"));
        intruders.put("handler@42", Fixture.handler("42", foreignUnit));
        intruders.put("evaluator@37", TestTokens.bearer("evaluator", "37"));
        // Same province, wrong unit: a handler of another unit sees nothing of the order either (only the order's
        // endpoints apply to it: the tenant's units, rules and calendar are its own reference data).
        String sameTenantHandler = Fixture.handler("37", Fixture.unit("37", "淄博 other " + k, "CITY_AGENCY", "370300", null));

        String[][] reads = {
                { "GET", "/api/v1/work-orders/" + order, null },
                { "GET", "/api/v1/work-orders/" + order + "/history", null },
                { "GET", "/api/v1/work-orders/" + order + "/returns", null },
                { "GET", "/api/v1/work-orders?tenant=37", null },
                { "GET", "/api/v1/units/" + unit, null },
                { "GET", "/api/v1/routing-rules/" + rule, null },
                { "GET", "/api/v1/routing-rules?tenant=37", null },
                { "GET", "/api/v1/calendars/37/days?year=2026", null },
                { "GET", "/api/v1/calendars/37/changes", null },
                { "POST", "/api/v1/work-orders/" + order + "/citizen-phone", "{}" },
                { "POST", "/api/v1/work-orders/" + order + "/accept", "{}" },
                { "POST", "/api/v1/work-orders/" + order + "/reply", "{\"reply\":\"越权答复\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/returns", "{\"reasonCode\":\"OTHER\",\"reason\":\"越权\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/reassign", "{\"targetUnitId\":\"" + foreignUnit + "\",\"reason\":\"越权\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/pool", "{\"scope\":\"CITY\",\"reason\":\"越权\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/supervise", "{\"reason\":\"越权\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/reopen", "{\"reason\":\"越权\"}" },
                { "POST", "/api/v1/work-orders/" + order + "/close", "{\"reason\":\"越权\"}" },
                { "PUT", "/api/v1/units/" + unit, "{\"name\":\"越权\",\"kind\":\"CITY_AGENCY\",\"regionCode\":\"370300\"}" },
                { "DELETE", "/api/v1/routing-rules/" + rule, null },
                { "PUT", "/api/v1/calendars/37/days/2094-01-05", "{\"working\":false,\"name\":\"越权\"}" },
                { "PUT", "/api/v1/calendars/37/hours", "{\"zone\":\"Asia/Shanghai\",\"workingHours\":\"08:00-09:00\"}" },
        };
        int tried = 0;
        intruders.put("handler@37-other-unit", sameTenantHandler);
        for (Map.Entry<String, String> who : intruders.entrySet()) {
            for (String[] r : reads) {
                if (who.getValue().equals(sameTenantHandler) && !r[1].startsWith("/api/v1/work-orders/")) {
                    continue;
                }
                var request = given().header("Authorization", who.getValue()).contentType(ContentType.JSON);
                if (r[2] != null) {
                    request = request.body(r[2]);
                }
                Response response = request.request(r[0], r[1]);
                int status = response.statusCode();
                assertTrue(status == 403 || status == 404, who.getKey() + " " + r[0] + " " + r[1] + " -> " + status
                        + " " + response.asString());
                assertFalse(response.asString().contains("13905330000"), who.getKey() + " saw the citizen's number");
                tried++;
            }
            // Their own lists never carry tenant 37's order.
            Response own = given().header("Authorization", who.getValue()).queryParam("size", 100).get("/api/v1/work-orders");
            if (own.statusCode() == 200) {
                List<String> ids = own.path("items.id");
                assertFalse(ids.contains(order), who.getKey() + " lists tenant 37's order");
            }
        }
        assertTrue(tried >= 100, "the matrix ran");
        // Nothing changed: the order is still dispatched to its unit, the rule in force, the unit's name as created.
        given().header("Authorization", Fixture.agent("37")).when().get("/api/v1/work-orders/" + order)
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("unitId", equalTo(unit))
                .body("supervised", equalTo(false));
        given().header("Authorization", Fixture.admin("37")).when().get("/api/v1/units/" + unit)
                .then().statusCode(200).body("name", equalTo("淄博 matrix " + k));
        given().header("Authorization", Fixture.agent("37")).when().get("/api/v1/work-orders/" + order + "/history")
                .then().body("action", not(hasItem(anyOf(equalTo("PHONE_REVEALED"), equalTo("REASSIGNED"), equalTo("POOLED")))));
        given().header("Authorization", Fixture.admin("37")).when().get("/api/v1/calendars/37/days?year=2094")
                .then().statusCode(200).body("day", not(hasItem("2094-01-05")));
    }
}
