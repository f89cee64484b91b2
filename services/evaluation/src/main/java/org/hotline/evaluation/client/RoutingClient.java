package org.hotline.evaluation.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.MutinyWorkOrdersGrpc;
import org.hotline.contracts.routing.v1.MutinyWorkingCalendarGrpc;
import org.hotline.contracts.routing.v1.ReopenWorkOrderRequest;
import org.hotline.contracts.routing.v1.SuperviseWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.evaluation.config.EvaluationConfig;

/**
 * Evaluation's calls to routing over gRPC: a deadline on every call, a circuit breaker, and retries of reads only.
 * Reopen and supervise are not retried here because a lost answer would make a blind retry apply them twice; the
 * durable action queue ({@code RoutingActions}) retries them after checking on the order whether they took effect.
 */
@ApplicationScoped
public class RoutingClient {

    private final MutinyWorkOrdersGrpc.MutinyWorkOrdersStub workOrders;
    private final MutinyWorkingCalendarGrpc.MutinyWorkingCalendarStub calendar;
    private final Duration deadline;

    public RoutingClient(@GrpcClient("routing") MutinyWorkOrdersGrpc.MutinyWorkOrdersStub workOrders,
            @GrpcClient("routing") MutinyWorkingCalendarGrpc.MutinyWorkingCalendarStub calendar,
            EvaluationConfig config) {
        this.workOrders = workOrders;
        this.calendar = calendar;
        this.deadline = config.routing().deadline();
    }

    /** One work order. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = PeerRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = PeerRejectedException.class)
    public Uni<WorkOrder> get(String id) {
        return workOrders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getWorkOrder(GetWorkOrderRequest.newBuilder().setId(id).build())
                .onFailure(StatusRuntimeException.class).transform(RoutingClient::classify);
    }

    /** Sends a work order back for rework (退回重办) with the evaluation as the reason. */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = PeerRejectedException.class)
    public Uni<WorkOrder> reopen(String id, String reason, String actor) {
        return workOrders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .reopenWorkOrder(ReopenWorkOrderRequest.newBuilder().setId(id).setReason(reason)
                        .setSource("EVALUATION").setActor(actor).build())
                .onFailure(StatusRuntimeException.class).transform(RoutingClient::classify);
    }

    /** Makes a work order a supervised case (督办件). */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = PeerRejectedException.class)
    public Uni<WorkOrder> supervise(String id, String reason, String actor) {
        return workOrders.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .superviseWorkOrder(SuperviseWorkOrderRequest.newBuilder().setId(id).setReason(reason)
                        .setActor(actor).build())
                .onFailure(StatusRuntimeException.class).transform(RoutingClient::classify);
    }

    /** A tenant's working-day calendar for [from, to]. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = PeerRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = PeerRejectedException.class)
    public Uni<CalendarDays> calendar(String tenant, LocalDate from, LocalDate to) {
        return calendar.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getCalendar(GetCalendarRequest.newBuilder().setTenant(tenant).setFromDate(from.toString())
                        .setToDate(to.toString()).build())
                .onFailure(StatusRuntimeException.class).transform(RoutingClient::classify);
    }

    private static Throwable classify(Throwable failure) {
        Status status = ((StatusRuntimeException) failure).getStatus();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED, UNAUTHENTICATED ->
                    new PeerRejectedException(status.getCode(), status.getDescription());
            default -> failure;
        };
    }
}
