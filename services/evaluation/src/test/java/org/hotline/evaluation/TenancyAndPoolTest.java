package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenancy as a matrix: every GET of evaluation's API as another province and as each wrong role answers 403 or 404,
 * never data; and a small pool (2 connections) still answers after hundreds of calls of each endpoint.
 */
@QuarkusTest
class TenancyAndPoolTest {

    static final String ADMIN_37 = TestTokens.bearer("tenant-admin", "37");

    /** Creates one of everything in tenant 37 and returns the paths that read it. */
    static List<String> readPathsOf37() {
        String evaluator = given().header("Authorization", ADMIN_37).contentType("application/json")
                .body(Map.of("subject", "ev-" + UUID.randomUUID(), "name", "王芳", "regionCodes", List.of("370300"),
                        "weeklyCapacity", 3))
                .when().post("/api/v1/evaluators").then().statusCode(201).extract().path("id");
        String run = given().header("Authorization", ADMIN_37).contentType("application/json")
                .body(Map.of("seed", 1)).when().post("/api/v1/assignment-runs").then().statusCode(201).extract().path("id");
        String campaign = given().header("Authorization", ADMIN_37).contentType("application/json").body(Map.of(
                "name", "暗访 " + UUID.randomUUID(), "lines", List.of(Map.of("unitName", "窗口", "phone", "0533-2180009"))))
                .when().post("/api/v1/audit-campaigns").then().statusCode(201).extract().path("id");
        String hearing = given().header("Authorization", ADMIN_37).contentType("application/json")
                .body(Map.of("quarter", "2026-Q1", "title", "听证会 " + UUID.randomUUID()))
                .when().post("/api/v1/hearings").then().statusCode(201).extract().path("id");
        return List.of("/api/v1/evaluators/" + evaluator, "/api/v1/evaluators/" + evaluator + "/conflicts",
                "/api/v1/assignment-runs/" + run, "/api/v1/audit-campaigns/" + campaign,
                "/api/v1/audit-campaigns/" + campaign + "/calls", "/api/v1/audit-campaigns/" + campaign + "/results",
                "/api/v1/hearings/" + hearing, "/api/v1/assignments/" + UUID.randomUUID(),
                "/api/v1/cases/" + UUID.randomUUID(), "/api/v1/evaluations/" + UUID.randomUUID());
    }

    static final List<String> LISTS = List.of("/api/v1/evaluators", "/api/v1/assignment-runs", "/api/v1/assignments",
            "/api/v1/cases", "/api/v1/audit-campaigns", "/api/v1/hearings");

    @Test
    void anotherProvinceGetsNotFoundOrEmptyListsAndWrongRolesAreRefused() {
        List<String> paths = readPathsOf37();
        for (String role : List.of("tenant-admin", "leader", "evaluator")) {
            for (String path : paths) {
                given().header("Authorization", TestTokens.bearer(role, "42")).when().get(path)
                        .then().statusCode(anyOf(is(403), is(404)));
            }
        }
        for (String list : LISTS) {
            given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).when().get(list)
                    .then().statusCode(anyOf(is(200), is(403))).body(org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.containsString("\"tenant\":\"37\"")));
        }
        // Roles that have no business here, and national tokens of roles that may not be national.
        for (String token : List.of(TestTokens.bearer("agent", "37"), TestTokens.bearer("handler", "37"),
                TestTokens.bearer("tenant-admin", "*"), TestTokens.bearer("leader", "*"),
                TestTokens.bearer("evaluator", "*"))) {
            for (String path : paths) {
                given().header("Authorization", token).when().get(path).then().statusCode(anyOf(is(403), is(404)));
            }
            for (String list : LISTS) {
                given().header("Authorization", token).when().get(list).then().statusCode(403);
            }
        }
        // No token: 401; a forged one: 401.
        given().when().get("/api/v1/evaluators").then().statusCode(401);
        given().header("Authorization", TestTokens.forged("tenant-admin", "37")).when().get("/api/v1/evaluators")
                .then().statusCode(401);
        // The platform operator reads them all.
        for (String path : paths.subList(0, 7)) {
            given().header("Authorization", TestTokens.bearer("platform-operator", "*")).when().get(path)
                    .then().statusCode(200);
        }
    }

    @Test
    void aSmallPoolStillAnswersAfterManyCallsOfEveryEndpoint() {
        List<String> paths = readPathsOf37();
        for (int i = 0; i < 80; i++) {
            for (String path : paths.subList(0, 7)) {
                given().header("Authorization", ADMIN_37).when().get(path).then().statusCode(200);
            }
            for (String list : LISTS) {
                given().header("Authorization", ADMIN_37).when().get(list).then().statusCode(200);
            }
            // Refusals and not-found answers must not leak either.
            given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).when().get(paths.get(0))
                    .then().statusCode(404);
            given().header("Authorization", ADMIN_37).contentType("application/json").body(Map.of("name", ""))
                    .when().post("/api/v1/evaluators").then().statusCode(400);
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().header("Authorization", ADMIN_37).when().get("/api/v1/evaluators").then().statusCode(200);
    }
}
