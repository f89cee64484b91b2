package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation below the resource code: {@link UncheckedDataProbe} forgot every check and loads by id, lists
 * every row and changes rows with no tenant in any query, yet a Hubei token reaches none of Shandong's evaluators,
 * assignment runs, audit campaigns or hearings, and lists no row of another province in any of evaluation's
 * tenant-owned tables (the Hibernate tenant filter, docs/security.md). Each read is first shown to work for the
 * owning province, so that 404 means filtered. The attempts: read by id, by a guessed id, list every table, rename.
 */
@QuarkusTest
class DataLayerTenancyTest {

    private static final String SHANDONG = TestTokens.bearer("tenant-admin", "37");
    private static final String HUBEI = TestTokens.bearer("tenant-admin", "42");

    @Test
    void withoutTheResourcesCheckAnotherProvinceCannotReadOrChangeShandongsRows() {
        String evaluator = given().header("Authorization", SHANDONG).contentType("application/json")
                .body(Map.of("subject", "dl-" + UUID.randomUUID(), "name", "王芳", "regionCodes", List.of("370300"),
                        "weeklyCapacity", 3))
                .when().post("/api/v1/evaluators").then().statusCode(201).extract().path("id");
        String run = given().header("Authorization", SHANDONG).contentType("application/json")
                .body(Map.of("seed", 1)).when().post("/api/v1/assignment-runs").then().statusCode(201)
                .extract().path("id");
        String campaign = given().header("Authorization", SHANDONG).contentType("application/json").body(Map.of(
                "name", "暗访 " + UUID.randomUUID(), "lines", List.of(Map.of("unitName", "窗口", "phone", "0533-2180009"))))
                .when().post("/api/v1/audit-campaigns").then().statusCode(201).extract().path("id");
        String hearing = given().header("Authorization", SHANDONG).contentType("application/json")
                .body(Map.of("quarter", "2026-Q1", "title", "听证会 " + UUID.randomUUID()))
                .when().post("/api/v1/hearings").then().statusCode(201).extract().path("id");
        Map<String, String> rows = Map.of("evaluators", evaluator, "assignment-runs", run, "audit-campaigns", campaign,
                "hearings", hearing);

        rows.forEach((entity, id) -> {
            given().header("Authorization", SHANDONG).get("/test/unchecked/" + entity + "/" + id).then()
                    .statusCode(200).body("tenant", equalTo("37"));
            given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                    .get("/test/unchecked/" + entity).then().statusCode(200).body("tenants", hasItem("37"));
            given().header("Authorization", HUBEI).get("/test/unchecked/" + entity + "/" + id).then().statusCode(404);
            given().header("Authorization", HUBEI).get("/test/unchecked/" + entity + "/" + UUID.randomUUID()).then()
                    .statusCode(404);
        });
        for (String entity : UncheckedDataProbe.names()) {
            given().header("Authorization", HUBEI).get("/test/unchecked/" + entity).then().statusCode(200)
                    .body("tenants", everyItem(equalTo("42")));
        }
        given().header("Authorization", HUBEI).post("/test/unchecked/evaluators/" + evaluator + "/rename").then()
                .statusCode(404);
        given().header("Authorization", HUBEI).post("/test/unchecked/hearings/" + hearing + "/rename").then()
                .statusCode(404);

        // Nothing was changed.
        given().header("Authorization", SHANDONG).get("/api/v1/evaluators/" + evaluator).then().statusCode(200)
                .body("name", equalTo("王芳"));
        given().header("Authorization", SHANDONG).get("/api/v1/hearings/" + hearing).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.startsWith("听证会 "));
    }

    @Test
    void aNationalTenantClaimOnARoleThatMayNotBeNationalSeesNoRows() {
        given().header("Authorization", SHANDONG).contentType("application/json")
                .body(Map.of("quarter", "2026-Q1", "title", "听证会 " + UUID.randomUUID()))
                .when().post("/api/v1/hearings").then().statusCode(201);
        for (String role : new String[] { "tenant-admin", "evaluator", "leader" }) {
            for (String entity : UncheckedDataProbe.names()) {
                given().header("Authorization", TestTokens.bearer(role, "*")).get("/test/unchecked/" + entity).then()
                        .statusCode(200).body("count", equalTo(0));
            }
        }
    }
}
