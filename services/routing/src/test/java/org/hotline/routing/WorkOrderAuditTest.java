package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The access audit of work orders (docs/security.md): registering, reading, revealing the citizen's number and
 * supervising an order are recorded with who, role and tenant; the province's admin and the operator read them,
 * another province's admin does not.
 */
@QuarkusTest
class WorkOrderAuditTest {

    @Test
    void whoRegisteredReadRevealedAndSupervisedAnOrderIsRecordedForItsProvinceOnly() {
        String order = Fixture.order("37", "370300", "AU" + Fixture.unique(), "FEEDBACK");
        String agent = Fixture.agent("37");
        given().header("Authorization", agent).when().get("/api/v1/work-orders/" + order).then().statusCode(200);
        given().header("Authorization", agent).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + order + "/citizen-phone").then().statusCode(200);
        given().header("Authorization", Fixture.admin("37")).contentType(ContentType.JSON)
                .body("{\"reason\":\"群众反映强烈\"}")
                .when().post("/api/v1/work-orders/" + order + "/supervise").then().statusCode(200);
        // Another province's attempt is 404 and is not a read.
        given().header("Authorization", TestTokens.bearer("agent", "42")).when().get("/api/v1/work-orders/" + order)
                .then().statusCode(404);

        given().header("Authorization", Fixture.admin("37"))
                .when().get("/api/v1/audit-events?resourceType=work-order&resourceId=" + order)
                .then().statusCode(200).body("total", equalTo(4))
                .body("items.action", contains("UPDATE", "READ", "READ", "CREATE"))
                .body("items.subject", contains("tenant-admin@37", "agent@37", "agent@37", "agent@37"))
                .body("items.tenant", everyItem(equalTo("37")));
        given().header("Authorization", Fixture.operator())
                .when().get("/api/v1/audit-events?tenant=37&resourceId=" + order)
                .then().statusCode(200).body("total", equalTo(4));
        given().header("Authorization", Fixture.admin("42"))
                .when().get("/api/v1/audit-events?resourceId=" + order)
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", Fixture.admin("42")).when().get("/api/v1/audit-events?tenant=37")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("handler", "37")).when().get("/api/v1/audit-events")
                .then().statusCode(403);
    }
}
