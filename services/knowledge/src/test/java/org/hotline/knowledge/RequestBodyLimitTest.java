package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A body over 256 KiB is refused with 413 problem+json whether it declares its length or is sent chunked (without
 * {@code Content-Length}, read until its first byte over the limit), and nothing is stored; a chunked body under the
 * limit is read as usual.
 */
@QuarkusTest
class RequestBodyLimitTest {

    @TestHTTPResource("/api/v1/articles")
    URI articles;

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413ProblemJsonAndNothingIsStored() throws Exception {
        String word = KnowledgeApiTest.uniqueWord();
        String big = "{\"questionKey\":\"test-" + word + "\",\"scopeRegionCode\":\"370300\",\"title\":\"" + word
                + "\",\"answer\":\"" + "答".repeat(100_000) + "\"}";
        HttpResponse<String> chunked = post(big, true);
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
        assertTrue(chunked.body().contains("urn:hotline:problem:payload-too-large"), chunked.body());
        HttpResponse<String> sized = post(big, false);
        assertEquals(413, sized.statusCode(), sized.body());
        assertTrue(sized.body().contains("urn:hotline:problem:payload-too-large"), sized.body());

        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).queryParam("scope", "370300")
                .queryParam("size", 200).get("/api/v1/articles").then().statusCode(200)
                .body("items.questionKey", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("test-" + word)));
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadAsUsual() throws Exception {
        String word = KnowledgeApiTest.uniqueWord();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(KnowledgeApiTest.article(
                "test-" + word, "370300", "分块 " + word, "答复 " + word, "2020-01-01T00:00:00Z"));
        HttpResponse<String> created = post(body, true);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("test-" + word), created.body());
    }

    private HttpResponse<String> post(String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(articles)
                .header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .header("Content-Type", "application/json")
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
                HttpResponse.BodyHandlers.ofString());
    }
}
