package org.hotline.intake;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.contracts.routing.v1.RegionResolution;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;

/** A routing stand-in served by the test app itself, which tests can switch off to simulate an outage. */
@GrpcService
@RolesAllowed("service")
public class StandInRouting implements RegionResolution {

    /** While true, every call fails as an unreachable routing would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();

    @Override
    public Uni<ResolvedRegion> resolve(ResolveRegionRequest request) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
        }
        // Test regions 97xxxx (tenant 97, province-central queue), 98xxxx (tenant 98, always open) and 99xxxx (tenant
        // 99, never open): the IVR choice wins and
        // each test run can use a queue of its own.
        String ivr = request.getIvrRegionCode();
        if (ivr.startsWith("97") || ivr.startsWith("98") || ivr.startsWith("99")) {
            return Uni.createFrom().item(region(ivr, "测试统筹区" + ivr, ivr.substring(0, 2) + "0000", "测试省",
                    ivr.substring(0, 2)));
        }
        String dialed = request.getDialedNumber().replaceAll("\\D", "");
        if (dialed.startsWith("0999")) {
            return Uni.createFrom().failure(Status.NOT_FOUND
                    .withDescription("urn:hotline:problem:unknown-area-code: dialedNumber: no region uses 0999")
                    .asRuntimeException());
        }
        if (dialed.startsWith("027")) {
            return Uni.createFrom().item(region("420100", "武汉市", "420000", "湖北省", "42"));
        }
        return Uni.createFrom().item(region("370300", "淄博市", "370000", "山东省", "37"));
    }

    private static ResolvedRegion region(String code, String name, String province, String provinceName, String t) {
        return ResolvedRegion.newBuilder().setPoolingRegionCode(code).setPoolingRegionName(name)
                .setProvinceCode(province).setProvinceName(provinceName).setTenant(t)
                .setDecidedBy("DIALED_AREA_CODE").build();
    }
}
