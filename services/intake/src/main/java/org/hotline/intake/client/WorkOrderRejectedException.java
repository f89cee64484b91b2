package org.hotline.intake.client;

/** Routing answered and refused the work order's content: retrying the same request cannot help. */
public class WorkOrderRejectedException extends RuntimeException {

    public WorkOrderRejectedException(String message) {
        super(message);
    }
}
