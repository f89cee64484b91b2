package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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

/**
 * Dead numbers (issue 11 point 7): counted once per reporter and only from the number's own province; no single agent
 * withholds a number; once withheld it is replaced in answers, article text included, and flagged to the editor.
 */
@QuarkusTest
class DeadNumberTest {

    @Test
    void aWithheldNumberIsNeverReadOutFromArticleTextAndItsEditorSeesTheFlag() {
        Random r = new Random();
        String city = "72" + String.format("%02d", 10 + r.nextInt(89)) + "00";
        String phone = "0" + (300 + r.nextInt(600)) + "-" + (1000000 + r.nextInt(8999999));
        String word = KnowledgeApiTest.uniqueWord();
        String admin = TestTokens.bearer("tenant-admin", "72");
        String institution = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("regionCode", city, "name", "测试医保中心", "type", "AGENCY",
                        "phones", List.of(Map.of("phone", phone, "label", "咨询"))))
                .post("/api/v1/institutions").then().statusCode(201).extract().path("id");
        String normal = given().header("Authorization", admin).get("/api/v1/institutions/" + institution)
                .then().extract().path("phones[0].phone");
        String article = KnowledgeApiTest.createAndPublish(admin, "test-" + word, city, word + " 医保咨询电话是多少",
                "请拨打 " + phone + " 咨询" + word + "医保业务。");
        String question = word + " 医保咨询电话是多少";

        given().header("Authorization", TestTokens.bearer("agent", "72")).queryParam("q", question)
                .queryParam("region", city).get("/api/v1/answers").then().statusCode(200)
                .body("article.articleId", equalTo(article)).body("article.answer", containsString(phone));

        // Another province's agents do not count against this province's numbers.
        given().header("Authorization", Reporters.bearer("agent", "37", "outsider-" + word)).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "source", "AGENT")).post("/api/v1/dead-number-reports")
                .then().statusCode(403).contentType("application/problem+json");
        // One agent reporting again and again counts once.
        String lone = Reporters.bearer("agent", "72", "lone-" + word);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", lone).contentType(ContentType.JSON)
                    .body(Map.of("phone", phone, "source", "AGENT", "reportId", word + "-lone-" + i))
                    .post("/api/v1/dead-number-reports").then().statusCode(201)
                    .body("reportCount", equalTo(1)).body("withheld", equalTo(false)).body("counted", equalTo(i == 0));
        }
        given().header("Authorization", admin).get("/api/v1/institutions/" + institution).then()
                .body("phones[0].deadReports", equalTo(1)).body("phones[0].withheld", equalTo(false));
        // Two more distinct reporters of the province: withheld.
        for (int i = 2; i <= 3; i++) {
            given().header("Authorization", Reporters.bearer("agent", "72", "agent-" + i + "-" + word))
                    .contentType(ContentType.JSON).body(Map.of("phone", phone, "source", "AGENT"))
                    .post("/api/v1/dead-number-reports").then().statusCode(201)
                    .body("reportCount", equalTo(i)).body("withheld", equalTo(i == 3));
        }

        given().header("Authorization", TestTokens.bearer("agent", "72")).queryParam("q", question)
                .queryParam("region", city).get("/api/v1/answers").then().statusCode(200)
                .body("article.articleId", equalTo(article))
                .body("article.answer", not(containsString(phone)))
                .body("article.answer", containsString("已停用"))
                .body("contacts.phone", not(hasItem(normal)));
        given().header("Authorization", TestTokens.bearer("agent", "72")).queryParam("q", question)
                .queryParam("region", city).get("/api/v1/search").then().statusCode(200)
                .body("items[0].answer", not(containsString(phone)));
        given().header("Authorization", admin).get("/api/v1/articles/flags").then().statusCode(200)
                .body("articleId", hasItem(article));
        given().header("Authorization", admin).get("/api/v1/articles/" + article).then().statusCode(200)
                .body("withheldNumbers", hasItem(normal));
        // Another province's admin sees no flag of this province.
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).get("/api/v1/articles/flags")
                .then().statusCode(200).body("articleId", not(hasItem(article)));
    }

    @Test
    void theProvinceSeesEachReportOnceInItsListingAndAnotherProvinceSeesNone() {
        Random r = new Random();
        String city = "72" + String.format("%02d", 10 + r.nextInt(89)) + "00";
        String phone = "0" + (300 + r.nextInt(600)) + "-" + (1000000 + r.nextInt(8999999));
        String word = KnowledgeApiTest.uniqueWord();
        String admin = TestTokens.bearer("tenant-admin", "72");
        String institution = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("regionCode", city, "name", "列表测试医保中心", "type", "AGENCY",
                        "phones", List.of(Map.of("phone", phone, "label", "咨询"))))
                .post("/api/v1/institutions").then().statusCode(201).extract().path("id");
        // The same report sent three times (a retry) is one report.
        String agent = Reporters.bearer("agent", "72", "listing-" + word);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", agent).contentType(ContentType.JSON)
                    .body(Map.of("phone", phone, "source", "AGENT", "reportId", word + "-once", "note", "空号"))
                    .post("/api/v1/dead-number-reports").then().statusCode(201);
        }
        given().header("Authorization", admin).queryParam("phone", phone).get("/api/v1/dead-number-reports")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].reportId", equalTo(word + "-once"))
                .body("items[0].institutionId", equalTo(institution)).body("items[0].note", equalTo("空号"))
                .body("items[0].counted", equalTo(true)).body("items[0].source", equalTo("AGENT"))
                .body("items[0].reporter", equalTo("72:listing-" + word));
        given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .queryParam("institutionId", institution).get("/api/v1/dead-number-reports")
                .then().statusCode(200).body("total", equalTo(1));
        // Another province's admin: nothing of province 72; an agent may report but not list.
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).queryParam("phone", phone)
                .get("/api/v1/dead-number-reports").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", agent).get("/api/v1/dead-number-reports").then().statusCode(403);
    }
}
