package org.hotline.intake.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.intake.client.RoutingWorkOrderClient;
import org.hotline.intake.client.WorkOrderRejectedException;

/** Calls routing for work orders without ever failing: outages become "unavailable", to be retried by the job. */
@ApplicationScoped
public class WorkOrderSubmission {

    private final RoutingWorkOrderClient routing;

    public WorkOrderSubmission(RoutingWorkOrderClient routing) {
        this.routing = routing;
    }

    @Timeout(4000)
    @Fallback(fallbackMethod = "routingUnavailable")
    public Uni<SubmissionOutcome> submit(CreateWorkOrderRequest request) {
        return routing.create(request)
                .map(wo -> new SubmissionOutcome(wo, null, null))
                .onFailure(WorkOrderRejectedException.class)
                .recoverWithItem(e -> new SubmissionOutcome(null, e.getMessage(), null));
    }

    Uni<SubmissionOutcome> routingUnavailable(CreateWorkOrderRequest request, Throwable failure) {
        String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Uni.createFrom().item(new SubmissionOutcome(null, null, why.length() > 250 ? why.substring(0, 250) : why));
    }

    /** The current work order, or null when routing cannot say now (the caller keeps its last snapshot). */
    @Timeout(3000)
    @Fallback(fallbackMethod = "noFreshState")
    public Uni<WorkOrder> current(String workOrderId) {
        return routing.get(workOrderId);
    }

    Uni<WorkOrder> noFreshState(String workOrderId, Throwable failure) {
        return Uni.createFrom().nullItem();
    }
}
