package org.hotline.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.contracts.knowledge.v1.InstitutionDirectoryGrpc;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberReply;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberRequest;
import org.hotline.contracts.knowledge.v1.ReportSource;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract evaluation's audits call: ReportDeadNumber over gRPC with a service token, on behalf of an auditor
 * (reporter); a retry with the same report id counts once, and the province's admin lists the report once.
 */
@QuarkusTest
class InstitutionDirectoryGrpcTest {

    private ManagedChannel channel;
    private InstitutionDirectoryGrpc.InstitutionDirectoryBlockingStub directory;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                Reporters.bearer("service", "*", "evaluation"));
        directory = InstitutionDirectoryGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @Test
    void anAuditReportForAnAuditorCountsOnceAndIsListedOnceForTheProvince() {
        Random r = new Random();
        String city = "72" + String.format("%02d", 10 + r.nextInt(89)) + "00";
        String phone = "0" + (300 + r.nextInt(600)) + "-" + (1000000 + r.nextInt(8999999));
        String admin = TestTokens.bearer("tenant-admin", "72");
        String institution = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("regionCode", city, "name", "暗访测试窗口", "type", "SERVICE_WINDOW",
                        "phones", List.of(Map.of("phone", phone, "label", "咨询"))))
                .post("/api/v1/institutions").then().statusCode(201).extract().path("id");
        ReportDeadNumberRequest report = ReportDeadNumberRequest.newBuilder().setInstitutionId(institution)
                .setPhone(phone).setSource(ReportSource.AUDIT).setReportId(UUID.randomUUID().toString())
                .setReporter("auditor-1").setNote("空号 (电话暗访)").build();

        ReportDeadNumberReply first = directory.reportDeadNumber(report);
        assertTrue(first.getCounted());
        assertEquals(1, first.getReportCount());
        assertEquals(1, first.getMatchedInstitutions());
        ReportDeadNumberReply retry = directory.reportDeadNumber(report);
        assertFalse(retry.getCounted(), "a retry with the same report id is not counted again");
        assertEquals(1, retry.getReportCount());

        given().header("Authorization", admin).queryParam("institutionId", institution)
                .get("/api/v1/dead-number-reports").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].source", equalTo("AUDIT")).body("items[0].reporter", equalTo("*:evaluation/auditor-1"));
    }
}
