package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The access audit of contacts (docs/security.md): who registered and read which contact, with role, tenant and
 * request id; readable by the platform operator and by the province's own tenant admin only; append-only.
 */
@QuarkusTest
class AccessAuditTest {

    private static final String SHANDONG_AGENT = TestTokens.bearer("agent", "37");
    private static final String SHANDONG_ADMIN = TestTokens.bearer("tenant-admin", "37");
    private static final String HUBEI_ADMIN = TestTokens.bearer("tenant-admin", "42");
    private static final String OPERATOR = TestTokens.bearer("platform-operator", "*");

    @Test
    void registeringAndReadingAContactAreRecordedWithWhoWhatAndWhichRequest() {
        String request = "req-" + UUID.randomUUID();
        String contact = given().header("Authorization", SHANDONG_AGENT).header("X-Request-Id", request + "-create")
                .contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        given().header("Authorization", SHANDONG_AGENT).header("X-Request-Id", request + "-read")
                .when().get("/api/v1/contacts/" + contact).then().statusCode(200)
                .header("X-Request-Id", equalTo(request + "-read"));
        // Another province's attempt is 404 and reads nothing, so nothing is recorded for it.
        given().header("Authorization", TestTokens.bearer("agent", "42")).when().get("/api/v1/contacts/" + contact)
                .then().statusCode(404);

        given().header("Authorization", SHANDONG_ADMIN)
                .when().get("/api/v1/audit-events?resourceType=contact&resourceId=" + contact)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.action", contains("READ", "CREATE"))
                .body("items.subject", everyItem(equalTo("agent@37")))
                .body("items.roles", everyItem(equalTo("agent")))
                .body("items.tenant", everyItem(equalTo("37")))
                .body("items.callerTenant", everyItem(equalTo("37")))
                .body("items.requestId", contains(request + "-read", request + "-create"))
                .body("items.resourceType", everyItem(equalTo("contact")));
        given().header("Authorization", OPERATOR)
                .when().get("/api/v1/audit-events?subject=agent@37&resourceId=" + contact)
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void anotherProvincesAdminAndStaffRolesCannotReadTheAudit() {
        String contact = given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        given().header("Authorization", HUBEI_ADMIN)
                .when().get("/api/v1/audit-events?resourceType=contact&resourceId=" + contact)
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", HUBEI_ADMIN).when().get("/api/v1/audit-events?size=500")
                .then().statusCode(200).body("items.tenant", everyItem(equalTo("42")))
                .body("items.resourceId", not(hasItem(contact)));
        given().header("Authorization", HUBEI_ADMIN).when().get("/api/v1/audit-events?tenant=37").then().statusCode(403);
        for (String role : new String[] { "agent", "leader", "handler", "evaluator" }) {
            given().header("Authorization", TestTokens.bearer(role, "37")).when().get("/api/v1/audit-events")
                    .then().statusCode(403);
        }
        given().when().get("/api/v1/audit-events").then().statusCode(401);
        given().header("Authorization", OPERATOR).when().get("/api/v1/audit-events?from=yesterday")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theAuditRefusesUpdateDeleteAndTruncateEvenForTheOwner() {
        given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201);
        Pool pool = Arc.container().instance(Pool.class).get();
        assertThrows(Exception.class, () -> pool.query("update access_audit set subject = 'nobody'").executeAndAwait());
        assertThrows(Exception.class, () -> pool.query("delete from access_audit").executeAndAwait());
        assertThrows(Exception.class, () -> pool.query("truncate access_audit").executeAndAwait());
        long left = pool.query("select count(*) from access_audit where subject = 'nobody'").executeAndAwait()
                .iterator().next().getLong(0);
        org.junit.jupiter.api.Assertions.assertEquals(0, left);
        given().header("Authorization", OPERATOR).when().get("/api/v1/audit-events?subject=agent@37&size=1")
                .then().statusCode(200).body("items[0].subject", equalTo("agent@37"));
    }
}
