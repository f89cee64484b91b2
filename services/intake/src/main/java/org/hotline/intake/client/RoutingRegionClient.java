package org.hotline.intake.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.contracts.routing.v1.MutinyRegionResolutionGrpc;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;

/** Asks routing over gRPC which pooling region a contact belongs to; owns retry and circuit breaking of that call. */
@ApplicationScoped
public class RoutingRegionClient {

    private final MutinyRegionResolutionGrpc.MutinyRegionResolutionStub routing;
    private final Duration deadline;

    public RoutingRegionClient(@GrpcClient("routing") MutinyRegionResolutionGrpc.MutinyRegionResolutionStub routing,
            IntakeConfig config) {
        this.routing = routing;
        this.deadline = config.routingDeadline();
    }

    /**
     * Resolves a region. Fails with {@link RegionRejectedException} when routing refuses the input (never retried,
     * never opens the breaker), or with the transport failure when routing cannot be reached.
     */
    @Retry(maxRetries = 2, delay = 150, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = RegionRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = RegionRejectedException.class)
    public Uni<ResolvedRegion> resolve(ResolveRegionRequest request) {
        // The deadline is set per call: a deadline configured on the channel would be fixed once, at injection.
        return routing.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).resolve(request)
                .onFailure(StatusRuntimeException.class).transform(RoutingRegionClient::classify);
    }

    private static Throwable classify(Throwable failure) {
        Status status = ((StatusRuntimeException) failure).getStatus();
        // Routing's problems keep their type and words across gRPC (ProblemStatus), for the citizen's agent.
        String slug = java.util.Objects.requireNonNullElse(ProblemStatus.slugOf(status), "invalid-number");
        String detail = ProblemStatus.detailOf(status);
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new RegionRejectedException(slug, "validation".equals(slug) ? 400 : 422, detail);
            case NOT_FOUND -> new RegionRejectedException(slug, 422, detail);
            default -> failure;
        };
    }
}
