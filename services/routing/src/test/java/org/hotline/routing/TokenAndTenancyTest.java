package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.RegionResolutionGrpc;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.WorkingCalendarGrpc;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Tokens that must not work: national staff roles, tokens from the future, no or malformed tenant, no token on gRPC. */
@QuarkusTest
class TokenAndTenancyTest {

    private static String token(String role, Object tenant, Instant issuedAt) {
        var builder = Jwt.issuer(TestTokens.ISSUER).upn("probe-" + role).groups(role).issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofHours(1)));
        if (tenant != null) {
            builder.claim("tenant", tenant);
        }
        return "Bearer " + builder.jws().keyId("test").sign(TestKeys.get().privateKey());
    }

    @Test
    void onlyPlatformOperatorAndServiceReachEveryTenant() {
        for (String role : List.of("agent", "tenant-admin", "handler", "leader")) {
            given().header("Authorization", TestTokens.bearer(role, "*"))
                    .when().get("/api/v1/work-orders")
                    .then().statusCode(403)
                    .body("type", equalTo("urn:hotline:problem:national-role-required"));
            given().header("Authorization", TestTokens.bearer(role, "*")).queryParam("ivrRegionCode", "370300")
                    .when().get("/api/v1/regions/resolve")
                    .then().statusCode(403);
        }
        given().header("Authorization", TestTokens.bearer("tenant-admin", "*")).contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"越权\"}")
                .when().put("/api/v1/calendars/37/days/2193-02-02")
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .when().get("/api/v1/work-orders")
                .then().statusCode(200);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        given().header("Authorization", token("agent", "37", Instant.now().plus(Duration.ofHours(24))))
                .queryParam("ivrRegionCode", "370300")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(401);
        // Within the clock skew it is accepted.
        given().header("Authorization", token("agent", "37", Instant.now().plusSeconds(10)))
                .queryParam("ivrRegionCode", "370300")
                .when().get("/api/v1/regions/resolve")
                .then().statusCode(200);
    }

    @Test
    void aMissingOrMalformedTenantClaimIsRefusedEvenForReferenceData() {
        for (Object tenant : new Object[] { null, "abc", "370", List.of("37") }) {
            given().header("Authorization", token("agent", tenant, Instant.now()))
                    .queryParam("ivrRegionCode", "370300")
                    .when().get("/api/v1/regions/resolve")
                    .then().statusCode(401);
            given().header("Authorization", token("agent", tenant, Instant.now()))
                    .when().get("/api/v1/regions/370300")
                    .then().statusCode(401);
        }
    }

    @Test
    void grpcWithoutTokenIsUnauthenticatedAndANationalAgentIsDenied() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        try {
            StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> RegionResolutionGrpc
                    .newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .resolve(ResolveRegionRequest.newBuilder().setIvrRegionCode("370300").build()));
            assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
            StatusRuntimeException calendar = assertThrows(StatusRuntimeException.class, () -> WorkingCalendarGrpc
                    .newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCalendar(GetCalendarRequest.newBuilder().setTenant("37").setFromDate("2026-10-01")
                            .setToDate("2026-10-01").build()));
            assertEquals(Status.Code.UNAUTHENTICATED, calendar.getStatus().getCode());

            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), TestTokens.bearer("agent", "*"));
            StatusRuntimeException national = assertThrows(StatusRuntimeException.class, () -> RegionResolutionGrpc
                    .newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .resolve(ResolveRegionRequest.newBuilder().setIvrRegionCode("370300").build()));
            assertEquals(Status.Code.PERMISSION_DENIED, national.getStatus().getCode());
        } finally {
            channel.shutdownNow();
        }
    }
}
