package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mystery-shopper campaign (电话暗访, issue 13) with the packaged knowledge and evaluation services: the lines come
 * from knowledge's institution directory, ten test calls are scored (each submission retried), the pass rates per
 * campaign, unit and line are those of the scores, and the number found dead by two calls of two auditors shows up
 * exactly once in knowledge's dead-number reports, as the province's tenant-admin and the platform operator list them.
 */
class AuditCampaignIT {

    private static final String SUFFIX = "_it3";
    private static final String ADMIN = TestTokens.bearer("tenant-admin", "37");
    private static final String OPERATOR = TestTokens.bearer("platform-operator", "*");
    private static final String AUDITOR_A = "auditor-zhang";
    private static final String AUDITOR_B = "auditor-li";
    /** Numbers of the directory entries made here (landlines of Zibo, area code 0533). */
    private static final String ZHANGDIAN_PHONE = "0533-2987601";
    private static final String ZICHUAN_PHONE = "0533-5987602";
    private static final String ZICHUAN_DEAD = "0533-5987699";

    private static ServiceProcess knowledge;
    private static ServiceProcess evaluation;

    @BeforeAll
    static void startServices() {
        ServiceProcess.resetDatabase("knowledge", SUFFIX);
        ServiceProcess.resetDatabase("evaluation", SUFFIX);
        knowledge = ServiceProcess.of("knowledge").with("hotline.db.suffix", SUFFIX).start();
        evaluation = ServiceProcess.of("evaluation").with("hotline.db.suffix", SUFFIX)
                .calling("knowledge", knowledge)
                .with("hotline.evaluation.assignment.enabled", "false")
                .with("hotline.evaluation.knowledge.report-every", "1s")
                .start();
    }

    @AfterAll
    static void stopServices() {
        for (ServiceProcess p : new ServiceProcess[] { evaluation, knowledge }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    void tenScoredCallsGiveThePassRatesPerUnitAndLineAndADeadNumberIsReportedToKnowledgeOnce() {
        // Zibo's windows in knowledge's directory; Zichuan's has a second number that turns out dead.
        institution("370303", "张店区医保经办窗口（暗访）", ZHANGDIAN_PHONE);
        institution("370302", "淄川区医保经办窗口（暗访）", ZICHUAN_PHONE, ZICHUAN_DEAD);

        // The campaign's lines are taken from the directory, one per listed number.
        List<Map<String, Object>> entries = given().header("Authorization", ADMIN).queryParam("region", "370300")
                .queryParam("q", "（暗访）").when().get(knowledge.baseUrl() + "/api/v1/institutions")
                .then().statusCode(200).body("total", equalTo(2)).extract().path("items");
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            for (Object p : (List<?>) entry.get("phones")) {
                lines.add(Map.of("institutionId", entry.get("id"), "unitName", entry.get("name"),
                        "phone", ((Map<?, ?>) p).get("phone"), "regionCode", entry.get("regionCode")));
            }
        }
        assertEquals(3, lines.size(), "three numbers in the directory: " + lines);
        JsonPath campaign = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of(
                "name", "淄博市医保经办窗口电话暗访",
                "scenarios", List.of("我家人在海南住院，如何办理转诊？", "我在上海出差得了急性阑尾炎，住院了，能报销吗？"),
                "auditors", List.of(AUDITOR_A, AUDITOR_B), "lines", lines))
                .when().post(evaluation.baseUrl() + "/api/v1/audit-campaigns")
                .then().statusCode(201).body("passRule", equalTo("ALL")).extract().jsonPath();
        String id = campaign.getString("id");
        String zhangdian = lineId(campaign, ZHANGDIAN_PHONE);
        String zichuan = lineId(campaign, ZICHUAN_PHONE);
        String dead = lineId(campaign, ZICHUAN_DEAD);

        // Zhangdian: 5 calls, 4 pass (one answered after 40 s). Zichuan: 3 calls on its main number, 2 pass (one
        // "不归我们管" brush-off); 2 calls, by each auditor, on the dead number.
        List<Object[]> plan = List.of(
                new Object[] { zhangdian, AUDITOR_A, answered(8, true) },
                new Object[] { zhangdian, AUDITOR_A, answered(12, true) },
                new Object[] { zhangdian, AUDITOR_A, answered(5, true) },
                new Object[] { zhangdian, AUDITOR_A, answered(40, true) },
                new Object[] { zhangdian, AUDITOR_A, answered(10, true) },
                new Object[] { zichuan, AUDITOR_B, answered(9, true) },
                new Object[] { zichuan, AUDITOR_B, answered(6, false) },
                new Object[] { zichuan, AUDITOR_B, answered(11, true) },
                new Object[] { dead, AUDITOR_A, deadNumber() },
                new Object[] { dead, AUDITOR_B, deadNumber() });
        for (Object[] call : plan) {
            String auditor = bearer((String) call[1]);
            String callId = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("lineId", call[0], "scenario", "我家人在海南住院，如何办理转诊？", "auditor", call[1],
                            "scheduledAt", Instant.now().minusSeconds(3600).toString()))
                    .when().post(evaluation.baseUrl() + "/api/v1/audit-campaigns/" + id + "/calls")
                    .then().statusCode(201).extract().path("id");
            // Each score is submitted twice (a retry of a lost answer): the same call, scored once.
            for (int attempt = 0; attempt < 2; attempt++) {
                given().header("Authorization", auditor).contentType(ContentType.JSON).body(call[2])
                        .when().put(evaluation.baseUrl() + "/api/v1/audit-campaigns/" + id + "/calls/" + callId + "/score")
                        .then().statusCode(200).body("id", equalTo(callId));
            }
        }

        JsonPath results = given().header("Authorization", ADMIN)
                .when().get(evaluation.baseUrl() + "/api/v1/audit-campaigns/" + id + "/results")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(10, results.getInt("campaign.scored"));
        assertEquals(6, results.getInt("campaign.passed"));
        assertEquals(0.6, results.getDouble("campaign.rate"), 1e-9);
        assertEquals(0.8, results.getDouble("units.find { it.name == '张店区医保经办窗口（暗访）' }.rate"), 1e-9);
        assertEquals(5, results.getInt("units.find { it.name == '淄川区医保经办窗口（暗访）' }.scored"));
        assertEquals(0.4, results.getDouble("units.find { it.name == '淄川区医保经办窗口（暗访）' }.rate"), 1e-9);
        assertEquals(0.8, results.getDouble("lines.find { it.key == '" + zhangdian + "' }.rate"), 1e-9);
        assertEquals(0.6667, results.getDouble("lines.find { it.key == '" + zichuan + "' }.rate"), 1e-9);
        assertEquals(0.0, results.getDouble("lines.find { it.key == '" + dead + "' }.rate"), 1e-9);

        // The dead number goes to knowledge once: the first call's report is sent, the second call's is skipped.
        eventually("the dead number reported to knowledge", Duration.ofSeconds(60), () -> given()
                .header("Authorization", ADMIN).when().get(evaluation.baseUrl() + "/api/v1/audit-campaigns/" + id
                        + "/results").then().extract().<Integer>path("deadNumbersReported") == 1);
        List<String> statuses = given().header("Authorization", ADMIN)
                .when().get(evaluation.baseUrl() + "/api/v1/audit-campaigns/" + id + "/calls")
                .then().statusCode(200).extract().path("deadNumberStatus");
        assertEquals(1, statuses.stream().filter("DONE"::equals).count(), "statuses: " + statuses);
        assertEquals(1, statuses.stream().filter("SKIPPED"::equals).count(), "statuses: " + statuses);
        assertEquals(8, statuses.stream().filter(s -> s == null).count(), "answered calls report nothing");

        // Knowledge's listing, as the province's admin and the platform operator see it: the number once, from the
        // audit, about Zichuan's entry, counted against the auditor who found it.
        for (String reader : List.of(ADMIN, OPERATOR)) {
            given().header("Authorization", reader).queryParam("phone", ZICHUAN_DEAD)
                    .when().get(knowledge.baseUrl() + "/api/v1/dead-number-reports")
                    .then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].source", equalTo("AUDIT"))
                    .body("items[0].institutionName", equalTo("淄川区医保经办窗口（暗访）"))
                    .body("items[0].counted", equalTo(true))
                    .body("items[0].reporter", org.hamcrest.Matchers.endsWith("/" + AUDITOR_A));
        }
        given().header("Authorization", ADMIN).queryParam("region", "370302").queryParam("q", "（暗访）")
                .when().get(knowledge.baseUrl() + "/api/v1/institutions").then().statusCode(200)
                .body("items[0].phones.find { it.phone == '" + phone(ZICHUAN_DEAD) + "' }.deadReports", equalTo(1))
                .body("items[0].phones.find { it.phone == '" + phone(ZICHUAN_PHONE) + "' }.deadReports", equalTo(0));
        // Nothing else was reported, and another province lists none of it.
        given().header("Authorization", ADMIN).when().get(knowledge.baseUrl() + "/api/v1/dead-number-reports")
                .then().statusCode(200).body("total", equalTo(1));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42"))
                .when().get(knowledge.baseUrl() + "/api/v1/dead-number-reports")
                .then().statusCode(200).body("total", equalTo(0));
    }

    private static void institution(String region, String name, String... phones) {
        List<Map<String, String>> listed = new ArrayList<>();
        for (String p : phones) {
            listed.add(Map.of("phone", p, "label", "咨询"));
        }
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("regionCode", region, "name", name, "type", "SERVICE_WINDOW", "phones", listed))
                .when().post(knowledge.baseUrl() + "/api/v1/institutions").then().statusCode(201);
    }

    /** The number as knowledge's directory and the campaign store it (a Zibo landline is kept as dialed). */
    private static String phone(String dialed) {
        return dialed;
    }

    private static String lineId(JsonPath campaign, String dialed) {
        String id = campaign.getString("lines.find { it.phone == '" + phone(dialed) + "' }.id");
        if (id == null) {
            throw new AssertionError("no line for " + dialed + " in " + campaign.prettify());
        }
        return id;
    }

    private static Map<String, Object> answered(int seconds, boolean firstResponsibility) {
        Map<String, Object> s = new HashMap<>(Map.of("calledAt", "2026-11-24T02:03:00Z", "answer", "ANSWERED",
                "secondsToAnswer", seconds, "rings", 2, "businessProficient", true, "goodAttitude", true,
                "civilLanguage", true));
        s.put("firstResponsibility", firstResponsibility);
        return s;
    }

    private static Map<String, Object> deadNumber() {
        return Map.of("calledAt", "2026-11-24T02:05:00Z", "answer", "DEAD_NUMBER", "note", "空号");
    }

    private static String bearer(String subject) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn(subject).subject(subject).groups("evaluator")
                .claim("tenant", "37").expiresIn(Duration.ofHours(1)).jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }

    private static void eventually(String what, Duration bound, BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("Not within " + bound + ": " + what);
            }
            ServiceProcess.sleep(500);
        }
    }
}
