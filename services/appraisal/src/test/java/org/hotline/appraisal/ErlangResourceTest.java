package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErlangResourceTest {

    /** The published question, with some parameters replaced (a null value removes one). */
    private static RequestSpecification planner(Object... overrides) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("calls", 100, "intervalMinutes", 30,
                "handleSeconds", 180, "answerWithinSeconds", 20, "targetServiceLevel", 0.8));
        for (int i = 0; i < overrides.length; i += 2) {
            params.put((String) overrides[i], overrides[i + 1]);
        }
        params.values().removeIf(java.util.Objects::isNull);
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37")).queryParams(params);
    }

    @Test
    void publishedCaseAnswersFourteenAgentsWithThePublishedFigures() {
        planner().when().get("/api/v1/staffing/erlang").then().statusCode(200)
                .body("model", equalTo("ERLANG_C"))
                .body("agents", equalTo(14)).body("scheduledAgents", equalTo(14))
                .body("erlangs", closeTo(10.0, 1e-9))
                .body("probabilityOfWaiting", closeTo(0.1741, 1e-9))
                .body("serviceLevel", closeTo(0.8884, 1e-9))
                .body("averageSpeedOfAnswerSeconds", closeTo(7.84, 1e-9))
                .body("occupancy", closeTo(0.7143, 1e-9))
                .body("probabilityOfAbandoning", nullValue());
    }

    @Test
    void maximumOccupancyOfSeventyPercentNeedsFifteenAndShrinkageIsScheduled() {
        planner("maxOccupancy", 0.70, "shrinkage", 0.3)
                .when().get("/api/v1/staffing/erlang").then().statusCode(200)
                .body("agents", equalTo(15)).body("scheduledAgents", equalTo(22))
                .body("occupancy", closeTo(0.6667, 1e-9));
    }

    @Test
    void patienceSwitchesToErlangAWithFewerAgents() {
        planner("patienceSeconds", 60)
                .when().get("/api/v1/staffing/erlang").then().statusCode(200)
                .body("model", equalTo("ERLANG_A"))
                .body("agents", equalTo(12))
                .body("probabilityOfAbandoning", closeTo(0.0759, 0.0005));
    }

    @Test
    void malformedOrImpossibleQuestionsAreProblemsNamingTheField() {
        planner("handleSeconds", "abc").when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("handleSeconds"));
        planner("calls", null).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .body("violations[0].field", equalTo("calls"));
        planner("targetServiceLevel", 1).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .body("violations[0].field", equalTo("targetServiceLevel"));
        planner("calls", -1).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .body("violations[0].field", equalTo("calls"));
        planner("shrinkage", 1).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .body("violations[0].field", equalTo("shrinkage"));
        planner("patienceSeconds", 0).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .body("violations[0].field", equalTo("patienceSeconds"));
        planner("calls", "NaN").when().get("/api/v1/staffing/erlang").then().statusCode(400);
        planner("calls", 1e12).when().get("/api/v1/staffing/erlang").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Erlangs"));
    }

    @Test
    void agentsAndEvaluatorsMayNotAsk() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).queryParam("calls", 1)
                .queryParam("handleSeconds", 1).when().get("/api/v1/staffing/erlang").then().statusCode(403);
        given().queryParam("calls", 1).queryParam("handleSeconds", 1)
                .when().get("/api/v1/staffing/erlang").then().statusCode(401);
    }
}
