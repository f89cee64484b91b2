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
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.MutinyWorkOrdersGrpc;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.intake.config.IntakeConfig;

/** Creates and reads work orders in routing over gRPC; owns retry and circuit breaking of those calls. */
@ApplicationScoped
public class RoutingWorkOrderClient {

    private final MutinyWorkOrdersGrpc.MutinyWorkOrdersStub workOrders;
    private final Duration deadline;

    public RoutingWorkOrderClient(@GrpcClient("routing") MutinyWorkOrdersGrpc.MutinyWorkOrdersStub workOrders,
            IntakeConfig config) {
        this.workOrders = workOrders;
        this.deadline = config.routingDeadline();
    }

    /** Creates (or, for a key routing already knows, returns) a work order; rejections are never retried. */
    @Retry(maxRetries = 1, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = WorkOrderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = WorkOrderRejectedException.class)
    public Uni<WorkOrder> create(CreateWorkOrderRequest request) {
        // The deadline is set per call: a deadline configured on the channel would be fixed once, at injection.
        return workOrders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).createWorkOrder(request)
                .onFailure(StatusRuntimeException.class).transform(RoutingWorkOrderClient::classify);
    }

    /** Reads a work order by id. */
    @Retry(maxRetries = 1, delay = 100, delayUnit = ChronoUnit.MILLIS, abortOn = WorkOrderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = WorkOrderRejectedException.class)
    public Uni<WorkOrder> get(String id) {
        return workOrders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getWorkOrder(GetWorkOrderRequest.newBuilder().setId(id).build())
                .onFailure(StatusRuntimeException.class).transform(RoutingWorkOrderClient::classify);
    }

    private static Throwable classify(Throwable failure) {
        Status status = ((StatusRuntimeException) failure).getStatus();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED ->
                    new WorkOrderRejectedException(status.getCode() + ": " + status.getDescription());
            default -> failure;
        };
    }
}
