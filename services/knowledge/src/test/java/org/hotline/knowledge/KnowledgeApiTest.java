package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KnowledgeApiTest {

    private static final String APPENDICITIS = "我在上海出差得了急性阑尾炎，住院了，能报销吗";

    static String agent() {
        return TestTokens.bearer("agent", "37");
    }

    /** A word no seed article contains, unique to one run, so tests never see each other's data. */
    static String uniqueWord() {
        Random r = new Random();
        StringBuilder b = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    @Test
    void answersZiboTravellerWithCrossProvinceEmergencyArticleAndCitation() {
        given().header("Authorization", agent()).queryParam("q", APPENDICITIS).queryParam("region", "370300")
                .when().get("/api/v1/answers")
                .then().statusCode(200)
                .body("found", equalTo(true))
                .body("confidence", greaterThan(0.4f))
                .body("article.title", containsString("急诊"))
                .body("article.scopeRegionCode", equalTo("000000"))
                .body("article.citation.documentNumber", equalTo("医保发〔2022〕22号"))
                .body("contacts.phone", hasItem("0533-12393"));
    }

    @Test
    void doesNotAnswerWithTheEmergencyArticleAsOfBeforeItTookEffect() {
        String current = given().header("Authorization", agent()).queryParam("q", APPENDICITIS)
                .queryParam("region", "370300").get("/api/v1/answers").then().statusCode(200)
                .extract().path("article.articleId");
        List<String> before = given().header("Authorization", agent()).queryParam("q", APPENDICITIS)
                .queryParam("region", "370300").queryParam("at", "2022-07-01T00:00:00Z")
                .when().get("/api/v1/answers")
                .then().statusCode(200)
                .extract().path("alternatives.articleId");
        String bestBefore = given().header("Authorization", agent()).queryParam("q", APPENDICITIS)
                .queryParam("region", "370300").queryParam("at", "2022-07-01T00:00:00Z")
                .get("/api/v1/answers").then().extract().path("article.articleId");
        assertTrue(bestBefore == null || !bestBefore.equals(current), "the 2022 rule must not answer before 2022-08-01");
        assertTrue(!before.contains(current), "nor appear among the alternatives");
    }

    @Test
    void cityArticleBeatsNationalForItsCityOnlyAndVersionsAnswerAsOf() {
        String word = uniqueWord();
        String key = "test-" + word;
        String national = createAndPublish(TestTokens.bearer("platform-operator", "*"), key, "000000",
                "全国规定 " + word + " 怎么办理", "全国的答复：按国家规定办理。" + word);
        String zibo = createAndPublish(TestTokens.bearer("tenant-admin", "37"), key, "370300",
                "淄博规定 " + word + " 怎么办理", "淄博的答复：到淄博窗口办理。" + word);

        given().header("Authorization", agent()).queryParam("q", word + " 怎么办理").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("article.articleId", equalTo(zibo))
                .body("article.scopeRegionCode", equalTo("370300"))
                .body("alternatives.articleId", not(hasItem(national)));
        given().header("Authorization", TestTokens.bearer("agent", "42")).queryParam("q", word + " 怎么办理")
                .queryParam("region", "420100")
                .get("/api/v1/answers").then().statusCode(200)
                .body("article.articleId", equalTo(national));

        // A new version effective later changes the answer from then on; the old one still answers "as of" before.
        Map<String, Object> v2 = article(key, "370300", "淄博规定 " + word + " 怎么办理", "淄博新规：全程网办。" + word,
                "2030-01-01T00:00:00Z");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON).body(v2)
                .put("/api/v1/articles/" + zibo).then().statusCode(200).body("version", equalTo(2))
                .body("status", equalTo("DRAFT"));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .post("/api/v1/articles/" + zibo + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().header("Authorization", agent()).queryParam("q", word).queryParam("region", "370300")
                .queryParam("at", "2031-01-01T00:00:00Z").get("/api/v1/answers").then().statusCode(200)
                .body("article.version", equalTo(2)).body("article.answer", containsString("全程网办"));
        given().header("Authorization", agent()).queryParam("q", word).queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("article.version", equalTo(1)).body("article.answer", containsString("淄博窗口"));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .get("/api/v1/articles/" + zibo + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .get("/api/v1/articles/" + zibo + "/versions/1").then().statusCode(200)
                .body("answer", containsString("淄博窗口"));

        // Archived articles never answer.
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .post("/api/v1/articles/" + zibo + "/archive").then().statusCode(200);
        given().header("Authorization", agent()).queryParam("q", word + " 怎么办理").queryParam("region", "370300")
                .get("/api/v1/answers").then().statusCode(200)
                .body("article.articleId", equalTo(national));
    }

    @Test
    void editorsActOnlyForTheirOwnScope() {
        String word = uniqueWord();
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON)
                .body(article("test-" + word, "000000", "全国 " + word, "答复", "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON)
                .body(article("test-" + word, "420100", "武汉 " + word, "答复", "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(403);
        given().header("Authorization", agent()).contentType(ContentType.JSON)
                .body(article("test-" + word, "370300", "淄博 " + word, "答复", "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType(ContentType.JSON)
                .body(article("Not A Key", "370300", "淄博 " + word, "答复", "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(400)
                .body("violations[0].field", equalTo("questionKey"));
    }

    @Test
    void hostileQueriesGetAProblemOrANormalResultNeverAServerError() {
        for (String q : List.of("title:*", "\"unbalanced", "*:*", "医保 AND (", "\u0001\u0007医保\u001b报销", "~~~///\\\\",
                "' OR 1=1 --")) {
            int status = given().header("Authorization", agent()).queryParam("q", q).queryParam("region", "370300")
                    .get("/api/v1/search").then().extract().statusCode();
            assertEquals(200, status, "search for " + q);
            int answer = given().header("Authorization", agent()).queryParam("q", q)
                    .get("/api/v1/answers").then().extract().statusCode();
            assertEquals(200, answer, "answer for " + q);
        }
        given().header("Authorization", agent()).queryParam("q", "").get("/api/v1/search")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("q"));
        given().header("Authorization", agent()).queryParam("q", "医".repeat(10_000)).get("/api/v1/search")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", agent()).queryParam("q", "医保").queryParam("region", "37x").get("/api/v1/search")
                .then().statusCode(400).body("violations[0].field", equalTo("region"));
        given().header("Authorization", agent()).queryParam("q", "医保").queryParam("at", "yesterday")
                .get("/api/v1/search").then().statusCode(400).body("violations[0].field", equalTo("at"));
    }

    @Test
    void searchHighlightsMatchedWordsAndHonoursRegion() {
        given().header("Authorization", agent()).queryParam("q", "异地就医备案").queryParam("region", "420100")
                .get("/api/v1/search").then().statusCode(200)
                .body("total", greaterThan(0))
                .body("items[0].highlight", containsString("<em>"))
                .body("items.scopeRegionCode", not(hasItem("370300")));
    }

    @Test
    void unansweredQuestionsBecomeKnowledgeGaps() {
        String word = uniqueWord();
        String gapId = given().header("Authorization", agent()).queryParam("q", word + " 火星移民签证")
                .queryParam("region", "370300").get("/api/v1/answers").then().statusCode(200)
                .body("found", equalTo(false)).body("gapId", notNullValue()).extract().path("gapId");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).queryParam("size", 200)
                .get("/api/v1/gaps").then().statusCode(200).body("items.id", hasItem(gapId));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).queryParam("size", 200)
                .get("/api/v1/gaps").then().statusCode(200).body("items.id", not(hasItem(gapId)));
    }

    static String createAndPublish(String token, String key, String scope, String title, String answer) {
        String id = given().header("Authorization", token).contentType(ContentType.JSON)
                .body(article(key, scope, title, answer, "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(201).header("Location", containsString("/api/v1/articles/"))
                .body("status", equalTo("DRAFT")).extract().path("id");
        given().header("Authorization", token).post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static Map<String, Object> article(String key, String scope, String title, String answer, String from) {
        return Map.of("questionKey", key, "scopeRegionCode", scope, "title", title, "questionVariants",
                List.of(title + "？"), "answer", answer, "topic", "测试", "service", "POLICY_ANSWER", "effectiveFrom",
                from, "citationName", "测试依据", "citationNumber", "测〔2020〕1号");
    }
}
