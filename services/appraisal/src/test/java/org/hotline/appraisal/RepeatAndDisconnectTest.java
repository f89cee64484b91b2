package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * TESTING.md rule 4 with the test profile's pool of 2 connections: reads keep answering after thousands of calls and
 * after clients that hang up mid-request, no connection is left inside a transaction, and the service stays ready.
 */
@QuarkusTest
class RepeatAndDisconnectTest {

    private static final String[] READS = { "/api/v1/kpi-counts", "/api/v1/kpi-counts?size=1&page=3" };

    @Test
    void twoThousandReadsOnAPoolOfTwoAllAnswer() throws Exception {
        String leader = TestTokens.bearer("leader", "37");
        for (int i = 0; i < 2000; i++) {
            given().header("Authorization", leader).when().get(READS[i % READS.length]).then().statusCode(200);
        }
        assertPoolIsHealthy();
    }

    @Test
    void clientsThatDisconnectMidRequestLeaveNothingBehind() throws Exception {
        String token = TestTokens.token("platform-operator", "*");
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.setSoLinger(true, 0); // close with a reset, as a load generator that gives up does
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + READS[i % READS.length] + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        // Every later caller is still served, many times more than the pool holds.
        for (int i = 0; i < 50; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/kpi-counts").then().statusCode(200);
        }
        assertPoolIsHealthy();
    }

    private static void assertPoolIsHealthy() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "hotline", "hotline");
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND state LIKE 'idle in transaction%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "connections left inside a transaction");
        }
    }
}
