package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The first flow end to end: intake and routing as real processes talking gRPC, including a routing outage. */
// The outage runs last: after routing restarts, intake's breaker needs trial calls before answers are immediate again.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactFlowIT {

    private static final String ZIBO_CALL = """
            {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""";

    private static ServiceProcess routing;
    private static ServiceProcess intake;

    @BeforeAll
    static void startSuite() {
        ServiceProcess.resetDatabase("routing");
        ServiceProcess.resetDatabase("intake");
        routing = ServiceProcess.of("routing").start();
        intake = ServiceProcess.of("intake").calling("routing", routing)
                .with("hotline.intake.region-retry.interval", "1s")
                // The outage is the subject: intake must ask routing for every contact, not reuse a known answer.
                .with("hotline.intake.region-cache.ttl", "0s").start();
        IntakeWarmUp.untilRegionsResolve(intake, TestTokens.bearer("agent", "37"), ZIBO_CALL);
    }

    @AfterAll
    static void stopSuite() {
        if (intake != null) {
            intake.stop();
        }
        if (routing != null) {
            routing.stop();
        }
    }

    @Test
    @Order(1)
    void registersPhoneContactWithRegionFromRoutingOverGrpc() {
        String location = given().header("Authorization", TestTokens.bearer("agent", "37"))
                .contentType(ContentType.JSON).body(ZIBO_CALL)
                .when().post(intake.baseUrl() + "/api/v1/contacts")
                .then().statusCode(201)
                .body("region.status", equalTo("RESOLVED"))
                .body("region.poolingRegionCode", equalTo("370300"))
                .body("region.poolingRegionName", equalTo("淄博市"))
                .body("region.provinceCode", equalTo("370000"))
                .extract().header("Location");

        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .when().get(location)
                .then().statusCode(200)
                .body("region.poolingRegionCode", equalTo("370300"));
    }

    @Test
    @Order(4)
    void keepsContactWhileRoutingIsStoppedAndResolvesItWhenRoutingReturns() {
        routing.kill();
        String location = given().header("Authorization", TestTokens.bearer("agent", "37"))
                .contentType(ContentType.JSON).body(ZIBO_CALL)
                .when().post(intake.baseUrl() + "/api/v1/contacts")
                .then().statusCode(201)
                .body("region.status", equalTo("PENDING"))
                .extract().header("Location");

        routing.start();
        String status = "PENDING";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (!"RESOLVED".equals(status) && Instant.now().isBefore(giveUp)) {
            ServiceProcess.sleep(500);
            status = given().header("Authorization", TestTokens.bearer("agent", "37"))
                    .when().get(location).then().statusCode(200).extract().path("region.status");
        }
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .when().get(location)
                .then().statusCode(200)
                .body("region.status", equalTo("RESOLVED"))
                .body("region.poolingRegionCode", equalTo("370300"));
    }

    @Test
    @Order(2)
    void refusesMissingTokenAndHandlerRole() {
        given().contentType(ContentType.JSON).body(ZIBO_CALL)
                .when().post(intake.baseUrl() + "/api/v1/contacts")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("handler", "37"))
                .contentType(ContentType.JSON).body(ZIBO_CALL)
                .when().post(intake.baseUrl() + "/api/v1/contacts")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @Order(3)
    void exposesHealthMetricsAndApiDocumentsWithoutToken() {
        for (ServiceProcess service : new ServiceProcess[] { intake, routing }) {
            assertEquals(200, service.status("/q/health/live"));
            assertEquals(200, service.status("/q/health/ready"));
            assertEquals(200, service.status("/q/health/started"));
        }
        given().when().get(intake.baseUrl() + "/q/openapi?format=json")
                .then().statusCode(200).body(containsString("/api/v1/contacts"));
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .contentType(ContentType.JSON).body(ZIBO_CALL)
                .post(intake.baseUrl() + "/api/v1/contacts").then().statusCode(201);
        given().when().get(intake.baseUrl() + "/q/metrics")
                .then().statusCode(200).body(containsString("hotline_contacts_registered_total"));
    }
}
