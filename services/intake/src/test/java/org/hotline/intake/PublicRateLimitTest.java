package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The login-free endpoints' limit is counted in PostgreSQL, shared by every replica: what other replicas counted for
 * a client this minute counts here too (the rows stand in for them), and each request adds one to the shared count.
 * The system test PublicRateLimitIT runs two replicas behind a trusted proxy.
 */
@QuarkusTest
class PublicRateLimitTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aClientOtherReplicasAlreadyCountedToTheLimitIsRefusedHereAtOnce() throws SQLException {
        String client = randomClient();
        othersCounted("case:" + client, 30);
        given().header("X-Forwarded-For", client).when().get("/api/v1/public/cases/ZZZZZZZZZZZZ").then()
                .statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:hotline:problem:too-many-requests"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // Another client is not concerned.
        given().header("X-Forwarded-For", randomClient()).when().get("/api/v1/public/cases/ZZZZZZZZZZZZ").then()
                .statusCode(404);
    }

    @Test
    void eachLookUpAddsOneToTheSharedCount() throws SQLException {
        String client = randomClient();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).when().get("/api/v1/public/cases/ZZZZZZZZZZZZ").then()
                    .statusCode(404);
        }
        assertEquals(3, counted("case:" + client));
    }

    @Test
    void open311IsLimitedTooAndAnswersInTheSpecsErrorList() throws SQLException {
        String client = randomClient();
        othersCounted("open311:" + client, 100_000);
        given().header("X-Forwarded-For", client).when().get("/open311/v2/services.json?jurisdiction_id=42").then()
                .statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("[0].code", equalTo(429)).body("[0].description", containsString("Too many requests"));
        given().header("X-Forwarded-For", randomClient()).when().get("/open311/v2/services.json?jurisdiction_id=42")
                .then().statusCode(200);
    }

    /** Rows as other replicas leave them: the count of this minute and the next (should the minute turn meanwhile). */
    private void othersCounted(String bucket, int hits) throws SQLException {
        long minute = System.currentTimeMillis() / 60_000;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO public_rate_limit (bucket, window_start, hits) VALUES (?, ?, ?), (?, ?, ?)")) {
            s.setString(1, bucket);
            s.setLong(2, minute);
            s.setInt(3, hits);
            s.setString(4, bucket);
            s.setLong(5, minute + 1);
            s.setInt(6, hits);
            s.executeUpdate();
        }
    }

    private int counted(String bucket) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(hits), 0) FROM public_rate_limit WHERE bucket = ?")) {
            s.setString(1, bucket);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static String randomClient() {
        UUID u = UUID.randomUUID();
        return "10.7." + (u.getMostSignificantBits() & 0xff) + "." + (u.getLeastSignificantBits() & 0xff);
    }
}
