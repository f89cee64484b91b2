package org.hotline.intake.service;

import org.hotline.contracts.routing.v1.WorkOrder;

/** What one attempt to hand a case to routing gave: the order, a refusal, or routing unreachable. */
public record SubmissionOutcome(WorkOrder workOrder, String rejected, String unavailable) {
}
