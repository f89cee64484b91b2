package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.RegionResolutionGrpc;
import org.hotline.contracts.routing.v1.ReopenWorkOrderRequest;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.contracts.routing.v1.WorkOrdersGrpc;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract intake and evaluation call: region resolution and work orders over gRPC with a service token. */
@QuarkusTest
class WorkOrdersGrpcTest {

    private ManagedChannel channel;
    private WorkOrdersGrpc.WorkOrdersBlockingStub orders;
    private RegionResolutionGrpc.RegionResolutionBlockingStub regions;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), TestTokens.bearer("service", "*"));
        orders = WorkOrdersGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        regions = RegionResolutionGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @Test
    void resolvesZiboAndRefusesUnknownAreaCode() {
        ResolvedRegion r = regions.resolve(ResolveRegionRequest.newBuilder().setDialedNumber("0533-12393").build());
        assertEquals("370300", r.getPoolingRegionCode());
        assertEquals("淄博市", r.getPoolingRegionName());
        assertEquals("370000", r.getProvinceCode());
        assertEquals("山东省", r.getProvinceName());
        assertEquals("37", r.getTenant());
        assertEquals("DIALED_AREA_CODE", r.getDecidedBy());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> regions.resolve(
                ResolveRegionRequest.newBuilder().setDialedNumber("0000-12393").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class, () -> regions.resolve(
                ResolveRegionRequest.newBuilder().setDialedNumber("call-me").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
    }

    @Test
    void evaluationListsClosedComplaintsThenReopensAndSupervises() {
        String k = "V" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 eval " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String id = Fixture.order("37", "370300", k, "FEEDBACK");
        String handler = Fixture.handler("37", unit);
        for (String[] step : new String[][] { { handler, "accept", "{}" }, { handler, "reply", "{\"reply\":\"已处理\"}" },
                { Fixture.agent("37"), "callback", "{\"satisfied\":true}" }, { Fixture.agent("37"), "close", "{}" } }) {
            io.restassured.RestAssured.given().header("Authorization", step[0]).contentType("application/json").body(step[2])
                    .when().post("/api/v1/work-orders/" + id + "/" + step[1]).then().statusCode(200);
        }
        java.time.Instant now = java.time.Instant.now();
        var closed = orders.listClosedComplaints(org.hotline.contracts.routing.v1.ListClosedComplaintsRequest.newBuilder()
                .setTenant("37").setClosedFrom(now.minusSeconds(600).toString()).setClosedTo(now.plusSeconds(600).toString())
                .setPageSize(1000).build());
        assertTrue(closed.getWorkOrdersList().stream().anyMatch(w -> w.getId().equals(id)));

        WorkOrder reopened = orders.reopenWorkOrder(ReopenWorkOrderRequest.newBuilder().setId(id)
                .setReason("评价员与市民均不满意").setSource("EVALUATION").setActor("evaluator-42").build());
        assertEquals("DISPATCHED", reopened.getStatus());
        assertEquals(1, reopened.getReopenCount());
        WorkOrder supervised = orders.superviseWorkOrder(org.hotline.contracts.routing.v1.SuperviseWorkOrderRequest
                .newBuilder().setId(id).setReason("整改后仍未解决").setActor("evaluator-42").build());
        assertTrue(supervised.getSupervised());
        io.restassured.RestAssured.given().header("Authorization", Fixture.agent("37"))
                .when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("find { it.action == 'REOPENED' }.actor", org.hamcrest.Matchers.startsWith("evaluator-42 via "));
    }

    @Test
    void createIsIdempotentByKeyAndGetAnswersOpen311Fields() {
        String k = "G" + Fixture.unique();
        String unit = Fixture.unit("37", "淄博 grpc " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule("37", k, unit, null, 5, "WORKING_DAYS");
        String contact = UUID.randomUUID().toString();
        CreateWorkOrderRequest request = CreateWorkOrderRequest.newBuilder().setIdempotencyKey(contact)
                .setRegionCode("370300").setCategory("FEEDBACK").setTitle("投诉 " + k).setDescription("窗口推诿")
                .setChannel("OPEN311").setCitizenPhone("13905330000").setRegisteredBy("agent-007").build();
        WorkOrder first = orders.createWorkOrder(request);
        assertTrue(first.getCreated());
        assertEquals("DISPATCHED", first.getStatus());
        assertEquals("open", first.getOpen311Status());
        assertEquals(unit, first.getUnitId());
        assertFalse(first.getExpectedAt().isEmpty());
        WorkOrder retry = orders.createWorkOrder(request);
        assertEquals(first.getId(), retry.getId());
        assertFalse(retry.getCreated());

        WorkOrder byKey = orders.getWorkOrder(GetWorkOrderRequest.newBuilder().setTenant("37").setIdempotencyKey(contact).build());
        assertEquals(first.getId(), byKey.getId());
        assertTrue(byKey.getUnitName().contains("淄博 grpc"));

        StatusRuntimeException notReplied = assertThrows(StatusRuntimeException.class, () -> orders.reopenWorkOrder(
                ReopenWorkOrderRequest.newBuilder().setId(first.getId()).setReason("x").setSource("EVALUATION").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, notReplied.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> orders.getWorkOrder(
                GetWorkOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> orders.createWorkOrder(
                CreateWorkOrderRequest.newBuilder().setIdempotencyKey("x").setRegionCode("37030").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    }
}
