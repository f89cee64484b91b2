package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DirectoryTest {

    @Test
    void phoneReportedDeadThreeTimesDisappearsFromAutomaticAnswersUntilVerified() {
        Random r = new Random();
        // A city of tenant 71 no seed uses, and a number unique to this run.
        String city = "71" + String.format("%02d", 10 + r.nextInt(89)) + "00";
        String phone = "0" + (300 + r.nextInt(600)) + "-" + (1000000 + r.nextInt(8999999));
        String admin = TestTokens.bearer("tenant-admin", "71");
        Map<String, Object> entry = Map.of("regionCode", city, "name", "测试医保经办中心", "type", "AGENCY",
                "address", "测试路1号", "hours", "工作日 9:00-17:00",
                "phones", List.of(Map.of("phone", phone, "label", "咨询")));
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(entry)
                .post("/api/v1/institutions").then().statusCode(201).extract().path("id");
        String phoneId = given().header("Authorization", admin).get("/api/v1/institutions/" + id)
                .then().statusCode(200).extract().path("phones[0].id");
        String normal = given().header("Authorization", admin).get("/api/v1/institutions/" + id)
                .then().extract().path("phones[0].phone");

        given().header("Authorization", TestTokens.bearer("agent", "71")).queryParam("q", "医保热线能办什么")
                .queryParam("region", city).get("/api/v1/answers").then().statusCode(200)
                .body("contacts.phone", hasItem(normal));

        String agent = TestTokens.bearer("agent", "71");
        // Three distinct reporters of the number's own province withhold it.
        for (int i = 1; i <= 3; i++) {
            given().header("Authorization", Reporters.bearer(i == 3 ? "evaluator" : "agent", "71", "reporter-" + id + i))
                    .contentType(ContentType.JSON)
                    .body(Map.of("phone", phone, "source", i == 3 ? "AUDIT" : "AGENT", "reportId", id + "-" + i,
                            "note", "空号"))
                    .post("/api/v1/dead-number-reports").then().statusCode(201)
                    .body("reportCount", equalTo(i)).body("withheld", equalTo(i >= 3)).body("counted", equalTo(true));
        }
        // A retried report counts once.
        given().header("Authorization", Reporters.bearer("evaluator", "71", "reporter-" + id + 3))
                .contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "source", "AGENT", "reportId", id + "-3"))
                .post("/api/v1/dead-number-reports").then().statusCode(201).body("reportCount", equalTo(3));

        given().header("Authorization", agent).queryParam("q", "医保热线能办什么").queryParam("region", city)
                .get("/api/v1/answers").then().statusCode(200)
                .body("contacts.phone", not(hasItem(normal)));
        given().header("Authorization", admin).queryParam("region", city).queryParam("attention", true)
                .get("/api/v1/institutions").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items[0].phones[0].withheld", equalTo(true));

        // Another province's admin may not verify it; its own admin may, and the number is back.
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .post("/api/v1/institutions/" + id + "/phones/" + phoneId + "/verification").then().statusCode(403);
        given().header("Authorization", admin)
                .post("/api/v1/institutions/" + id + "/phones/" + phoneId + "/verification").then().statusCode(200)
                .body("phones[0].withheld", equalTo(false)).body("phones[0].deadReports", equalTo(0));
        given().header("Authorization", agent).queryParam("q", "医保热线能办什么").queryParam("region", city)
                .get("/api/v1/answers").then().statusCode(200)
                .body("contacts.phone", hasItem(normal));
    }

    @Test
    void listsSeededDirectoryOfACityByType() {
        given().header("Authorization", TestTokens.bearer("agent", "42")).queryParam("region", "420100")
                .queryParam("type", "AGENCY").get("/api/v1/institutions").then().statusCode(200)
                .body("items.regionCode", hasItem("420100"))
                .body("items.type", not(hasItem("HOSPITAL")));
        given().header("Authorization", TestTokens.bearer("agent", "42")).queryParam("type", "CASTLE")
                .get("/api/v1/institutions").then().statusCode(400);
    }

    @Test
    void unknownNumberReportIsNotFound() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).contentType(ContentType.JSON)
                .body(Map.of("phone", "0999-1234567", "source", "AUDIT"))
                .post("/api/v1/dead-number-reports").then().statusCode(404).contentType("application/problem+json");
    }
}
