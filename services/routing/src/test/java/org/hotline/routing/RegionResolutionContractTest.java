package org.hotline.routing;

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
import java.util.concurrent.TimeUnit;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.contracts.routing.v1.RegionResolutionGrpc;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact region requests intake sends for its channels (web/app/WeChat with a chosen region, Open311 with only
 * an address or only coordinates, a mobile caller of plain 12393 with the line's tenant as fallback), answered by
 * the real routing service over gRPC with a service token.
 */
@QuarkusTest
class RegionResolutionContractTest {

    private ManagedChannel channel;
    private RegionResolutionGrpc.RegionResolutionBlockingStub regions;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), TestTokens.bearer("service", "*"));
        regions = RegionResolutionGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    @Test
    void textContactWithOnlyItsChosenRegionResolvesWithoutAnyNumber() {
        ResolvedRegion r = regions.resolve(ResolveRegionRequest.newBuilder().setIvrRegionCode("370300").build());
        assertEquals("370300", r.getPoolingRegionCode());
        assertEquals("淄博市", r.getPoolingRegionName());
        assertEquals("37", r.getTenant());
        assertEquals("IVR_CHOICE", r.getDecidedBy());
        // A county chosen explicitly pools with its city.
        assertEquals("420100", regions.resolve(ResolveRegionRequest.newBuilder().setIvrRegionCode("420106").build())
                .getPoolingRegionCode());
    }

    @Test
    void open311AddressStringAloneResolvesFromItsGbt2260Names() {
        ResolvedRegion r = regions.resolve(ResolveRegionRequest.newBuilder().setAddress("山东省淄博市张店区华光路66号").build());
        assertEquals("370300", r.getPoolingRegionCode());
        assertEquals("370000", r.getProvinceCode());
        assertEquals("ADDRESS", r.getDecidedBy());
        ResolvedRegion wuhan = regions.resolve(ResolveRegionRequest.newBuilder().setAddress("武汉市江汉区解放大道").build());
        assertEquals("420100", wuhan.getPoolingRegionCode());
        assertEquals("42", wuhan.getTenant());
    }

    @Test
    void open311CoordinatesAloneResolveToTheNearestRegion() {
        ResolvedRegion r = regions.resolve(ResolveRegionRequest.newBuilder().setHasCoordinates(true)
                .setLatitude(36.80).setLongitude(118.05).build());
        assertEquals("370300", r.getPoolingRegionCode());
        assertEquals("COORDINATES", r.getDecidedBy());
        ResolvedRegion wuhan = regions.resolve(ResolveRegionRequest.newBuilder().setHasCoordinates(true)
                .setLatitude(30.59).setLongitude(114.30).build());
        assertEquals("420100", wuhan.getPoolingRegionCode());
    }

    @Test
    void mobileCallerOfPlain12393ResolvesToItsHomeRegionElseTheProvinceCentralQueue() {
        ResolvedRegion home = regions.resolve(ResolveRegionRequest.newBuilder().setCallerNumber("13905330000")
                .setFallbackTenant("37").build());
        assertEquals("370300", home.getPoolingRegionCode());
        assertEquals("CALLER_MOBILE_HOME", home.getDecidedBy());
        // The geocoder knows only "China" for this prefix: the province takes the call centrally.
        ResolvedRegion central = regions.resolve(ResolveRegionRequest.newBuilder().setCallerNumber("17012345678")
                .setFallbackTenant("37").build());
        assertEquals("370000", central.getPoolingRegionCode());
        assertEquals("370000", central.getProvinceCode());
        assertEquals("37", central.getTenant());
        assertEquals("PROVINCE_CENTRAL", central.getDecidedBy());
    }

    @Test
    void nothingToDecideFromAndNoFallbackIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> regions.resolve(
                ResolveRegionRequest.newBuilder().setDialedNumber("12393").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("region-undetermined", ProblemStatus.slugOf(e.getStatus()));
    }
}
