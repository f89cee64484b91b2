package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Questions as callers write them, through the REST API the console and agents use (issue 18). */
@QuarkusTest
class CallerWordingTest {

    private static final String AGENT = TestTokens.bearer("agent", "37");

    @Test
    void aSpeechToTextHomophoneIsAnsweredAndTheReadFormShown() {
        given().header("Authorization", AGENT).queryParam("q", "意地就医怎么被案").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("found", equalTo(true)).body("mode", equalTo("ANSWER"))
                .body("normalisedQuestion", equalTo("异地就医怎么备案"))
                .body("article.title", containsString("备案"));
    }

    @Test
    void aOneLineTopicGetsTheMostAskedArticleWithChoices() {
        given().header("Authorization", AGENT).queryParam("q", "慢病咋弄").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("found", equalTo(true)).body("mode", equalTo("CHOICES"))
                .body("article.scopeRegionCode", equalTo("370300"))
                .body("clarifyingQuestion", containsString("慢特病"))
                .body("alternatives.size()", greaterThan(1));
    }

    @Test
    void aQuestionOutsideMedicalInsuranceIsNotFound() {
        given().header("Authorization", AGENT).queryParam("q", "身份证丢了怎么补办").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("found", equalTo(false)).body("mode", equalTo("NOT_FOUND")).body("gapId", notNullValue());
    }

    @Test
    void unparseableNumbersInTheQueryAre400NamingTheParameter() {
        given().header("Authorization", AGENT).queryParam("q", "异地就医").queryParam("minConfidence", "abc")
                .get("/api/v1/answers").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("minConfidence"));
        given().header("Authorization", AGENT).queryParam("q", "异地就医").queryParam("size", "abc")
                .get("/api/v1/search").then().statusCode(400).body("detail", containsString("size"));
    }

    @Test
    void anEditorsColloquialWordAppliesToItsProvinceOnly() {
        String word = KnowledgeApiTest.uniqueWord();
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON)
                .body(Map.of("kind", "COLLOQUIAL", "line", word + "=>异地就医备案"))
                .post("/api/v1/vocabulary").then().statusCode(201);
        given().header("Authorization", AGENT).queryParam("q", word + "怎么办").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("normalisedQuestion", equalTo("异地就医备案怎么办")).body("found", equalTo(true));
        given().header("Authorization", TestTokens.bearer("agent", "42")).queryParam("q", word + "怎么办")
                .queryParam("region", "420100").get("/api/v1/answers").then().statusCode(200)
                .body("normalisedQuestion", equalTo(word + "怎么办")).body("found", equalTo(false));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON)
                .body(Map.of("kind", "COLLOQUIAL", "line", "no arrow here"))
                .post("/api/v1/vocabulary").then().statusCode(400).body("detail", containsString("line"));
    }
}
