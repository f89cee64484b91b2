package org.hotline.routing.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.contracts.routing.v1.RegionResolution;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.RegionResolver;

/** Serves region resolution to intake and the other services over gRPC, from the in-memory directory. */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.PLATFORM_OPERATOR, Roles.TENANT_ADMIN })
public class RegionResolutionGrpcService implements RegionResolution {

    private final RegionResolver resolver;
    private final CurrentIdentityAssociation identities;

    public RegionResolutionGrpcService(RegionResolver resolver, CurrentIdentityAssociation identities) {
        this.resolver = resolver;
        this.identities = identities;
    }

    @Override
    public Uni<ResolvedRegion> resolve(ResolveRegionRequest request) {
        RegionResolver.Request in = new RegionResolver.Request(request.getDialedNumber(), request.getCallerNumber(),
                request.getCarrierRegionCode(), request.getIvrRegionCode(), request.getAt(), request.getAddress(),
                request.getHasCoordinates() ? request.getLatitude() : null,
                request.getHasCoordinates() ? request.getLongitude() : null, request.getFallbackTenant());
        // The caller's tenant and role are checked (a national token of a staff role is refused) before resolving;
        // with the directory in memory the answer is built in the same step (each further Uni stage costs a context
        // capture per call at thousands of calls a second).
        return identities.getDeferredIdentity().flatMap(identity -> {
            CallerIdentity.of(identity);
            RegionResolver.Resolution now = resolver.resolveIfLoaded(in);
            return now != null ? Uni.createFrom().item(reply(now)) : resolver.resolve(in).map(RegionResolutionGrpcService::reply);
        }).onFailure().transform(RegionResolutionGrpcService::toStatus);
    }

    private static ResolvedRegion reply(RegionResolver.Resolution r) {
        return ResolvedRegion.newBuilder()
                .setPoolingRegionCode(r.pooling().code)
                .setPoolingRegionName(r.pooling().name)
                .setProvinceCode(r.province().code)
                .setProvinceName(r.province().name)
                .setTenant(r.province().tenant())
                .setDecidedBy(r.decidedBy().name())
                .setAreaCode(r.areaCode() == null ? "" : r.areaCode())
                .build();
    }

    /** As every problem, except that "nothing decides" is NOT_FOUND over gRPC (the contract's promise), not 422. */
    private static Throwable toStatus(Throwable failure) {
        if (failure instanceof ProblemException p && p.problem().status() == 422) {
            return Status.NOT_FOUND.withDescription(p.problem().type() + ": " + p.problem().detail()).asRuntimeException();
        }
        return ProblemStatus.toStatus(failure);
    }
}
