package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenancy (issue 12): another province's articles and vocabulary cannot be read, listed, searched or changed (404 or
 * 403, never data); national articles and the caller's own province are visible; the platform operator sees all.
 */
@QuarkusTest
class TenancyTest {

    @Test
    void anotherProvincesDraftCannotBeReadListedSearchedOrChanged() {
        String word = KnowledgeApiTest.uniqueWord();
        String zibo = TestTokens.bearer("tenant-admin", "37");
        String wuhan = TestTokens.bearer("tenant-admin", "42");
        String draft = given().header("Authorization", zibo).contentType(ContentType.JSON)
                .body(KnowledgeApiTest.article("test-" + word, "370300", "草稿 " + word + " 医保", "未发布的答复 " + word,
                        "2020-01-01T00:00:00Z"))
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");

        for (String path : new String[] { "", "/versions", "/versions/1" }) {
            given().header("Authorization", wuhan).get("/api/v1/articles/" + draft + path).then().statusCode(404)
                    .contentType("application/problem+json");
            given().header("Authorization", zibo).get("/api/v1/articles/" + draft + path).then().statusCode(200);
            given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                    .get("/api/v1/articles/" + draft + path).then().statusCode(200);
        }
        given().header("Authorization", wuhan).queryParam("scope", "370300").queryParam("size", "200")
                .get("/api/v1/articles").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", wuhan).queryParam("size", "200").get("/api/v1/articles").then().statusCode(200)
                .body("items.id", not(hasItem(draft)))
                .body("items.scopeRegionCode", everyItem(matchesPattern("000000|42\\d{4}")));
        given().header("Authorization", zibo).queryParam("scope", "370300").queryParam("size", "200")
                .get("/api/v1/articles").then().statusCode(200).body("items.id", hasItem(draft));
        // Guessing ids finds nothing either.
        given().header("Authorization", wuhan).get("/api/v1/articles/" + UUID.randomUUID()).then().statusCode(404);

        Map<String, Object> edit = KnowledgeApiTest.article("test-" + word, "370300", "改写 " + word, "改写",
                "2020-01-01T00:00:00Z");
        given().header("Authorization", wuhan).contentType(ContentType.JSON).body(edit)
                .put("/api/v1/articles/" + draft).then().statusCode(404);
        for (String action : new String[] { "submit", "publish", "archive" }) {
            given().header("Authorization", wuhan).post("/api/v1/articles/" + draft + "/" + action).then()
                    .statusCode(404);
        }
        given().header("Authorization", zibo).get("/api/v1/articles/" + draft).then().statusCode(200)
                .body("version", equalTo(1)).body("status", equalTo("DRAFT"));
        // The draft is not published, so nobody's search finds it.
        given().header("Authorization", TestTokens.bearer("agent", "42")).queryParam("q", word)
                .queryParam("region", "420100").get("/api/v1/search").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void anotherProvincesVocabularyIsNeitherListedNorRemovable() {
        String word = KnowledgeApiTest.uniqueWord();
        String entry = given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .contentType(ContentType.JSON).body(Map.of("kind", "COLLOQUIAL", "line", word + "=>怎么办"))
                .post("/api/v1/vocabulary").then().statusCode(201).body("tenant", equalTo("37")).extract().path("id");
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).get("/api/v1/vocabulary").then()
                .statusCode(200).body("items.id", not(hasItem(entry)));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).delete("/api/v1/vocabulary/" + entry)
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).contentType(ContentType.JSON)
                .body(Map.of("kind", "COLLOQUIAL", "line", word + "=>怎么办", "tenant", "37"))
                .post("/api/v1/vocabulary").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).get("/api/v1/vocabulary").then()
                .statusCode(200).body("items.id", hasItem(entry));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).delete("/api/v1/vocabulary/" + entry)
                .then().statusCode(204);
    }
}
