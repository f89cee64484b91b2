package org.hotline.intake.client;

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
import org.hotline.contracts.routing.v1.MutinyWorkingCalendarGrpc;
import org.hotline.intake.config.IntakeConfig;

/** Reads routing's working-day calendar (holidays and 调休) over gRPC; owns the deadline, retry and circuit breaker. */
@ApplicationScoped
public class RoutingCalendarClient {

    private final MutinyWorkingCalendarGrpc.MutinyWorkingCalendarStub routing;
    private final Duration deadline;

    public RoutingCalendarClient(@GrpcClient("routing") MutinyWorkingCalendarGrpc.MutinyWorkingCalendarStub routing,
            IntakeConfig config) {
        this.routing = routing;
        this.deadline = config.routingDeadline();
    }

    /** The days of [from, to] of a tenant's calendar ({@code *}: the national one). */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<CalendarDays> days(String tenant, LocalDate from, LocalDate to) {
        return routing.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getCalendar(GetCalendarRequest.newBuilder().setTenant(tenant)
                        .setFromDate(from.toString()).setToDate(to.toString()).build());
    }
}
