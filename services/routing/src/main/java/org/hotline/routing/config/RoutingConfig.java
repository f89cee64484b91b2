package org.hotline.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the routing service: calendar defaults, time limits, return budget, warnings and the claim pool. */
@ConfigMapping(prefix = "hotline.routing")
public interface RoutingConfig {

    /** Zone in which working days and hours are counted when a tenant has not set its own. */
    @WithDefault("Asia/Shanghai")
    String zone();

    /** Working hours when neither the tenant nor the unit sets them, as comma-separated HH:mm-HH:mm periods. */
    @WithDefault("09:00-12:00,13:00-17:00")
    String workingHours();

    /** How many returns (退单) a work order allows before only the hotline centre may reassign it. */
    @WithDefault("2")
    int returnBudget();

    /** Share of the time limit after which the yellow pre-breach warning is raised. */
    @WithDefault("0.75")
    double yellowFraction();

    /** How long a claim from the pool (抢单) stays with the claiming unit without being accepted. */
    @WithDefault("PT30M")
    Duration claimLease();

    /** Time limit, in working days, of a supervised order (督办件) from the moment it is supervised. */
    @WithDefault("2")
    int supervisedLimitWorkingDays();

    /** Time limit, in working days, of the callback (回访) after a reply. */
    @WithDefault("2")
    int callbackLimitWorkingDays();

    /** Time limit, in working days, when no routing rule of the tenant matches (the order waits in the province pool). */
    @WithDefault("5")
    int fallbackLimitWorkingDays();

    /** Time limit, in working hours, for accepting (签收) when no rule says otherwise. */
    @WithDefault("4")
    int fallbackAcceptLimitHours();

    /** Reopens (退回重办) after which an order becomes supervised automatically. */
    @WithDefault("2")
    int superviseAfterReopens();

    /** How far in the past a work order's receivedAt may lie (a contact queued in intake while routing was down). */
    @WithDefault("P7D")
    Duration receivedAtMaxAge();

    /** How often each replica runs the deadline sweep (read by the {@code @Scheduled} expression of WorkOrderSweep). */
    @WithDefault("60s")
    String sweepEvery();

    /** How often each replica reloads the tenants' pooling assignments (changed on another replica) into memory. */
    @WithDefault("30s")
    String directoryRefresh();

    /** How long after start-up the first sweep runs. */
    @WithDefault("30s")
    String sweepDelay();

    /**
     * REST requests (under /api/) served at once; one more is refused at once with 503 and Retry-After instead of
     * waiting in a queue that grows until every request times out. 0 turns the limit off.
     */
    @WithDefault("256")
    int maxInFlightRequests();

    /**
     * gRPC calls served at once; one more is refused at once with RESOURCE_EXHAUSTED (the caller keeps its cached
     * answer or retries later) instead of queueing. 0 turns the limit off.
     */
    @WithDefault("512")
    int maxInFlightCalls();
}
