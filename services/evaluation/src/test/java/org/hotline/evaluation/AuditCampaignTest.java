package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A mystery-shopper campaign of 10 scored calls over two units: pass rates per unit, line and campaign by the
 * five-criteria rule; a dead number reported to knowledge once although two calls hit it and knowledge was down.
 */
@QuarkusTest
class AuditCampaignTest {

    static final String ADMIN = TestTokens.bearer("tenant-admin", "37");

    @AfterEach
    void knowledgeUp() {
        StandInKnowledge.DOWN.set(false);
    }

    static Map<String, Object> score(String answer, int seconds, boolean all) {
        Map<String, Object> m = new HashMap<>(Map.of("calledAt", "2026-11-24T02:03:00Z", "answer", answer,
                "secondsToAnswer", seconds, "rings", 2, "businessProficient", true, "firstResponsibility", all,
                "goodAttitude", true, "civilLanguage", true));
        return m;
    }

    @Test
    void tenScoredCallsGiveThePassRatePerUnitAndADeadNumberIsReportedOnce() {
        String auditor = "auditor-" + UUID.randomUUID();
        String dead = "0533-2" + String.format("%06d", (int) (Math.random() * 1_000_000));
        StandInKnowledge.DIRECTORY.add(dead);
        JsonPath campaign = given().header("Authorization", ADMIN).contentType("application/json").body(Map.of(
                "name", "淄博市电话暗访 " + auditor,
                "scenarios", List.of("我家人在海南住院，如何办理转诊？", "我在上海出差得了急性阑尾炎，住院了，能报销吗？"),
                "auditors", List.of(auditor),
                "lines", List.of(
                        Map.of("unitName", "张店区医保经办窗口", "unitId", "unit-zhangdian", "phone", "0533-2180001",
                                "regionCode", "370303"),
                        Map.of("unitName", "淄川区医保经办窗口", "unitId", "unit-zichuan", "phone", dead,
                                "regionCode", "370302", "institutionId", UUID.randomUUID().toString()))))
                .when().post("/api/v1/audit-campaigns").then().statusCode(201).body("passRule", equalTo("ALL"))
                .extract().jsonPath();
        String id = campaign.getString("id");
        String zhangdian = campaign.getString("lines.find { it.unitName == '张店区医保经办窗口' }.id");
        String zichuan = campaign.getString("lines.find { it.unitName == '淄川区医保经办窗口' }.id");

        // Zhangdian: 6 calls, 4 pass (one slow, one brush-off). Zichuan: 4 calls, 2 pass, 2 dead number.
        List<Object[]> plan = List.of(
                new Object[] { zhangdian, score("ANSWERED", 8, true) }, new Object[] { zhangdian, score("ANSWERED", 10, true) },
                new Object[] { zhangdian, score("ANSWERED", 12, true) }, new Object[] { zhangdian, score("ANSWERED", 5, true) },
                new Object[] { zhangdian, score("ANSWERED", 90, true) }, new Object[] { zhangdian, score("ANSWERED", 6, false) },
                new Object[] { zichuan, score("ANSWERED", 9, true) }, new Object[] { zichuan, score("ANSWERED", 11, true) },
                new Object[] { zichuan, score("DEAD_NUMBER", 0, true) }, new Object[] { zichuan, score("DEAD_NUMBER", 0, true) });
        double passedBefore = Fixtures.metric("hotline_evaluation_audit_calls_scored_total", "tenant=\"37\"",
                "result=\"pass\"");
        double failedBefore = Fixtures.metric("hotline_evaluation_audit_calls_scored_total", "tenant=\"37\"",
                "result=\"fail\"");
        StandInKnowledge.DOWN.set(true);
        String auditorToken = Fixtures.bearer(auditor, "evaluator", "37");
        for (Object[] call : plan) {
            String callId = given().header("Authorization", ADMIN).contentType("application/json")
                    .body(Map.of("lineId", call[0], "scenario", "我家人在海南住院，如何办理转诊？", "auditor", auditor,
                            "scheduledAt", "2026-11-24T02:00:00Z"))
                    .when().post("/api/v1/audit-campaigns/" + id + "/calls").then().statusCode(201).extract().path("id");
            given().header("Authorization", auditorToken).contentType("application/json").body(call[1])
                    .when().put("/api/v1/audit-campaigns/" + id + "/calls/" + callId + "/score").then().statusCode(200);
            // Scoring is final: the same score again is answered, another refused.
            given().header("Authorization", auditorToken).contentType("application/json").body(call[1])
                    .when().put("/api/v1/audit-campaigns/" + id + "/calls/" + callId + "/score").then().statusCode(200);
        }
        // Another evaluator is not this campaign's auditor: the calls do not exist for them.
        String someCall = given().header("Authorization", ADMIN).when().get("/api/v1/audit-campaigns/" + id + "/calls")
                .then().extract().path("[0].id");
        given().header("Authorization", Fixtures.bearer("someone-else", "evaluator", "37")).contentType("application/json")
                .body(score("ANSWERED", 1, true))
                .when().put("/api/v1/audit-campaigns/" + id + "/calls/" + someCall + "/score").then().statusCode(404);

        JsonPath results = given().header("Authorization", ADMIN).when().get("/api/v1/audit-campaigns/" + id + "/results")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(10, results.getInt("campaign.scored"));
        assertEquals(6, results.getInt("campaign.passed"));
        assertEquals(0.6, results.getDouble("campaign.rate"), 1e-9);
        assertEquals(4, results.getInt("units.find { it.key == 'unit-zhangdian' }.passed"));
        assertEquals(0.6667, results.getDouble("units.find { it.key == 'unit-zhangdian' }.rate"), 1e-9);
        assertEquals(0.5, results.getDouble("units.find { it.key == 'unit-zichuan' }.rate"), 1e-9);
        assertEquals(0.5, results.getDouble("lines.find { it.key == '" + zichuan + "' }.rate"), 1e-9);
        // Scored calls by tenant and result on /q/metrics; the repeated scores are not counted again.
        assertEquals(6, Fixtures.metric("hotline_evaluation_audit_calls_scored_total", "tenant=\"37\"",
                "result=\"pass\"") - passedBefore);
        assertEquals(4, Fixtures.metric("hotline_evaluation_audit_calls_scored_total", "tenant=\"37\"",
                "result=\"fail\"") - failedBefore);

        // Knowledge was down: nothing reported yet; once up, the number is reported exactly once.
        assertEquals(null, StandInKnowledge.REPORTS.get(dead));
        StandInKnowledge.DOWN.set(false);
        Eventually.until("dead number reported", Duration.ofSeconds(20),
                () -> StandInKnowledge.REPORTS.get(dead) != null && given().header("Authorization", ADMIN)
                        .when().get("/api/v1/audit-campaigns/" + id + "/results").then().extract()
                        .<Integer>path("deadNumbersReported") == 1);
        assertEquals(1, StandInKnowledge.REPORTS.get(dead).size(), "one report id for the campaign's number");
        assertEquals(java.util.Set.of(auditor), StandInKnowledge.REPORTERS.get(dead),
                "the auditor who found it is the reporter, not evaluation's service account");
        List<String> statuses = given().header("Authorization", ADMIN).when()
                .get("/api/v1/audit-campaigns/" + id + "/calls").then().extract().path("deadNumberStatus");
        assertEquals(1, statuses.stream().filter("DONE"::equals).count());
        assertEquals(1, statuses.stream().filter("SKIPPED"::equals).count());
    }

    @Test
    void anotherProvinceCannotSeeTheCampaign() {
        String id = given().header("Authorization", ADMIN).contentType("application/json").body(Map.of(
                "name", "暗访 " + UUID.randomUUID(), "lines", List.of(Map.of("unitName", "窗口", "phone", "0533-2180009"))))
                .when().post("/api/v1/audit-campaigns").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).when()
                .get("/api/v1/audit-campaigns/" + id).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("leader", "42")).when()
                .get("/api/v1/audit-campaigns/" + id + "/results").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).contentType("application/json")
                .body(Map.of("lineId", UUID.randomUUID().toString()))
                .when().post("/api/v1/audit-campaigns/" + id + "/calls").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("leader", "37")).when()
                .get("/api/v1/audit-campaigns/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("leader", "37")).contentType("application/json")
                .body(Map.of("name", "x", "lines", List.of(Map.of("unitName", "窗口", "phone", "0533-2180009"))))
                .when().post("/api/v1/audit-campaigns").then().statusCode(403);
    }
}
