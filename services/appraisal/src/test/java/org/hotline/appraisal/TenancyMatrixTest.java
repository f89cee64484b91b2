package org.hotline.appraisal;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * TESTING.md rule 3 for appraisal: every read endpoint, as another province's leader asking for 37, as a national
 * token of a role that may not be national, and as each staff role without access: 403 (or 401 without a token).
 */
@QuarkusTest
class TenancyMatrixTest {

    private static final String RANGE = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

    private static final List<String> READS = List.of(
            "/api/v1/kpi-counts?tenant=37",
            "/api/v1/kpis/calls?tenant=37&" + RANGE,
            "/api/v1/kpis/work-orders?tenant=37&" + RANGE,
            "/api/v1/kpis/evaluations?tenant=37&" + RANGE,
            "/api/v1/kpis/calls/records?tenant=37&" + RANGE,
            "/api/v1/kpis/work-orders/records?tenant=37&" + RANGE,
            "/api/v1/kpis/evaluations/records?tenant=37&" + RANGE,
            "/api/v1/hotspots?tenant=37&" + RANGE,
            "/api/v1/hotspots?tenant=37&kind=ESTATE&format=csv&" + RANGE,
            "/api/v1/kpi-settings?tenant=37",
            "/api/v1/kpi-settings/versions?tenant=37",
            "/api/v1/scorecards?tenant=37&" + RANGE,
            "/api/v1/scorecards/annual?tenant=37&year=2026",
            "/api/v1/lights?tenant=37",
            "/api/v1/staffing/queues?tenant=37&" + RANGE,
            "/api/v1/staffing/forecast?tenant=37&day=2026-11-30",
            "/api/v1/charts/call-trend.svg?tenant=37&" + RANGE,
            "/api/v1/charts/scorecard.svg?tenant=37&" + RANGE,
            "/api/v1/charts/lights.svg?tenant=37",
            "/api/v1/charts/staffing.svg?tenant=37&day=2026-11-30");

    @Test
    void anotherProvincesLeaderIsRefusedEverywhere() {
        for (String path : READS) {
            given().header("Authorization", TestTokens.bearer("leader", "42")).when().get(path)
                    .then().statusCode(403);
        }
    }

    @Test
    void nationalTokensOfProvincialRolesAreRefusedEverywhere() {
        for (String role : List.of("leader", "tenant-admin")) {
            for (String path : READS) {
                given().header("Authorization", TestTokens.bearer(role, "*")).when().get(path).then().statusCode(403);
            }
        }
    }

    @Test
    void rolesWithoutAccessAndAnonymousCallersAreRefused() {
        for (String path : READS) {
            for (String role : List.of("agent", "handler", "evaluator")) {
                given().header("Authorization", TestTokens.bearer(role, "37")).when().get(path).then().statusCode(403);
            }
            given().when().get(path).then().statusCode(401);
        }
    }

    @Test
    void settingsAreChangedOnlyByTheProvincesAdminOrTheOperator() {
        given().header("Authorization", TestTokens.bearer("leader", "37")).contentType("application/json").body("{}")
                .when().put("/api/v1/kpi-settings").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).contentType("application/json")
                .body("{}").when().put("/api/v1/kpi-settings?tenant=37").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                .body("{\"abandonTreatment\":\"SOMETIMES\"}").when().put("/api/v1/kpi-settings").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("leader", "37")).when()
                .post("/api/v1/lights/evaluations").then().statusCode(403);
    }
}
