package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Messages and Open311 requests are bounded per replica as contacts are: while routing is slow for a moment, 64 run
 * and 128 wait, and the rest of a surge is refused at once with 503 and Retry-After, in each channel's own error
 * format, instead of queueing without bound.
 */
@QuarkusTest
class TextChannelSurgeTest {

    private static final int TAKEN = 64 + 128;
    private static final int SURGE = TAKEN + 20;

    @Test
    void aSurgeOfMessagesBeyondWhatTheReplicaTakesIsRefusedAtOnceAsOverloaded() throws Exception {
        List<HttpResponse<String>> refused = surge(i -> HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Authorization", TestTokens.bearer("service", "*")).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"WECHAT\",\"text\":\"医保卡丢了怎么补办\","
                        + "\"address\":\"淄博市张店区人民西路" + i + "号\"}")).build());
        for (HttpResponse<String> r : refused) {
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
            assertThat(r.body(), containsString("urn:hotline:problem:overloaded"));
        }
    }

    @Test
    void aSurgeOfOpen311RequestsIsRefusedAtOnceInGeoReportsErrorFormat() throws Exception {
        String apiKey = given().header("Authorization", TestTokens.bearer("tenant-admin", "42"))
                .contentType(ContentType.JSON).body("{\"name\":\"高峰测试App\"}")
                .when().post("/api/v1/open311-integrators")
                .then().statusCode(201).body("tenant", equalTo("42")).extract().path("apiKey");
        List<HttpResponse<String>> refused = surge(i -> HttpRequest.newBuilder(uri("/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api_key=" + apiKey + "&service_code=FEEDBACK"
                        + "&description=%E7%AA%97%E5%8F%A3%E6%8E%A8%E8%AF%BF&lat=" + (30.5 + i * 0.0001)
                        + "&long=114.29")).build());
        for (HttpResponse<String> r : refused) {
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            // GeoReport v2's error list, not a problem document: [{"code":503,"description":"overloaded: ..."}]
            assertThat(r.body(), containsString("\"code\":503"));
            assertThat(r.body(), containsString("overloaded"));
        }
    }

    /**
     * Sends {@link #SURGE} requests while routing holds every answer; returns those answered while it held them
     * (they must be exactly the ones beyond {@link #TAKEN}), then lets routing answer and checks that none of the
     * others failed.
     */
    private static List<HttpResponse<String>> surge(IntFunction<HttpRequest> request) throws Exception {
        var hold = new CompletableFuture<Void>();
        StandInRouting.HOLD.set(hold);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<HttpResponse<String>> refused;
        try {
            for (int i = 0; i < SURGE; i++) {
                answers.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
            }
            Instant giveUp = Instant.now().plusSeconds(20);
            while (answers.stream().filter(CompletableFuture::isDone).count() < SURGE - TAKEN
                    && Instant.now().isBefore(giveUp)) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            refused = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
            assertEquals(SURGE - TAKEN, refused.size(), "refused at once while routing held the others: "
                    + refused.stream().map(r -> r.statusCode() + " " + r.body()).distinct().limit(3).toList());
        } finally {
            hold.complete(null);
            StandInRouting.HOLD.set(null);
        }
        for (var answer : answers) {
            HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
            // Taken ones are answered once routing answers; a database out of connection slots refuses with 503 too.
            assertEquals(true, r.statusCode() < 300 || r.statusCode() == 503, r.statusCode() + " " + r.body());
        }
        return refused;
    }

    private static URI uri(String path) {
        return URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path);
    }
}
