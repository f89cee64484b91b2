package org.hotline.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a freshly started intake resolves regions through routing steadily. New JVMs answer their first calls
 * slowly (class loading, JIT, the gRPC channel) and a slow answer is correctly turned into a PENDING region, which may
 * also open intake's circuit breaker; it closes only after successful trial calls. So, as an operator would before
 * opening the lines, tests wait for three resolved registrations in a row before checking anything.
 */
public final class IntakeWarmUp {

    private IntakeWarmUp() {
    }

    /** Registers {@code contactJson} until three registrations in a row resolved their region through routing. */
    public static void untilRegionsResolve(ServiceProcess intake, String authorization, String contactJson) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        int resolvedInARow = 0;
        while (Instant.now().isBefore(giveUp)) {
            String status = given().header("Authorization", authorization)
                    .contentType(ContentType.JSON).body(contactJson)
                    .when().post(intake.baseUrl() + "/api/v1/contacts")
                    .then().statusCode(201).extract().path("region.status");
            resolvedInARow = "RESOLVED".equals(status) ? resolvedInARow + 1 : 0;
            if (resolvedInARow == 3) {
                return;
            }
            ServiceProcess.sleep(resolvedInARow > 0 ? 200 : 1000);
        }
        throw new IllegalStateException("intake did not resolve regions through routing steadily within 120 s");
    }
}
