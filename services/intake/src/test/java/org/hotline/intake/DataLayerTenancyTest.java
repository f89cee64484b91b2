package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation below the resource code: {@link UncheckedDataProbe} forgot every check, yet through the
 * repositories it reaches only the caller's province (the Hibernate tenant filter, docs/security.md). Each test
 * first shows that the probe does find the row for its own province, so that a 404 means "filtered", not "broken".
 */
@QuarkusTest
class DataLayerTenancyTest {

    private static final String SHANDONG_AGENT = TestTokens.bearer("agent", "37");
    private static final String HUBEI_AGENT = TestTokens.bearer("agent", "42");
    private static final String OPERATOR = TestTokens.bearer("platform-operator", "*");

    @Test
    void withoutTheResourcesCheckAnotherProvinceCannotReadByIdQueryListCountOrChangeAContact() {
        String contact = given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        given().header("Authorization", SHANDONG_AGENT).when().get("/test/unchecked/contacts/" + contact)
                .then().statusCode(200).body("tenant", equalTo("37"));
        given().header("Authorization", OPERATOR).when().get("/test/unchecked/contacts/" + contact + "/by-query")
                .then().statusCode(200).body("tenant", equalTo("37"));
        given().header("Authorization", OPERATOR).when().get("/test/unchecked/contacts")
                .then().statusCode(200).body("ids", hasItem(contact)).body("tenants", hasItem("37"));

        // Read by id (session find), by query, in an all-tenants list and its count: nothing of Shandong.
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/contacts/" + contact)
                .then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/contacts/" + contact + "/by-query")
                .then().statusCode(404);
        int operatorCount = given().header("Authorization", OPERATOR).when().get("/test/unchecked/contacts")
                .then().extract().path("count");
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/contacts")
                .then().statusCode(200).body("ids", not(hasItem(contact))).body("tenants", everyItem(equalTo("42")))
                .body("count", not(equalTo(operatorCount)));
        // Change it: not found, and the Shandong record is unchanged.
        given().header("Authorization", HUBEI_AGENT).when().post("/test/unchecked/contacts/" + contact + "/address")
                .then().statusCode(404);
        given().header("Authorization", SHANDONG_AGENT).when().get("/test/unchecked/contacts/" + contact)
                .then().statusCode(200).body("address", equalTo("null"));
        // Guessing an id finds nothing either.
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/contacts/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aNationalTenantClaimOnARoleThatMayNotBeNationalSeesNoRowsAtAll() {
        given().header("Authorization", SHANDONG_AGENT).contentType(ContentType.JSON)
                .body("{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}")
                .when().post("/api/v1/contacts").then().statusCode(201);
        given().header("Authorization", OPERATOR).when().get("/test/unchecked/contacts")
                .then().statusCode(200).body("count", greaterThan(0));
        for (String role : new String[] { "agent", "leader", "tenant-admin" }) {
            given().header("Authorization", TestTokens.bearer(role, "*")).when().get("/test/unchecked/contacts")
                    .then().statusCode(200).body("ids", empty()).body("count", equalTo(0));
        }
    }

    @Test
    void withoutTheResourcesCheckAnotherProvinceCannotFindAMessageOrItsCaseByQueryCode() {
        String region = TestRegions.closed();
        String code = given().header("Authorization", TestTokens.bearer("service", "*")).contentType(ContentType.JSON)
                .body("{\"channel\":\"APP\",\"text\":\"我父亲的门诊慢特病待遇为什么停了\",\"phone\":\"13905330000\","
                        + "\"regionCode\":\"" + region + "\"}")
                .when().post("/api/v1/messages").then().statusCode(201).extract().path("queryCode");
        String owner = region.substring(0, 2);
        given().header("Authorization", TestTokens.bearer("agent", owner)).when().get("/test/unchecked/hand-offs/" + code)
                .then().statusCode(200).body("tenant", equalTo(owner));
        given().header("Authorization", TestTokens.bearer("agent", owner)).when().get("/test/unchecked/messages")
                .then().statusCode(200).body("$", hasItem(owner));

        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/hand-offs/" + code)
                .then().statusCode(404);
        given().header("Authorization", HUBEI_AGENT).when().get("/test/unchecked/messages")
                .then().statusCode(200).body("$", everyItem(equalTo("42")));
    }
}
