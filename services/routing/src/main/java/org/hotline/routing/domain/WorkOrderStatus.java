package org.hotline.routing.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where a work order stands in its lifecycle. */
public enum WorkOrderStatus {
    /** Sent to a unit, waiting for it to accept (签收). */
    DISPATCHED,
    /** Waiting in the claim pool (抢单). */
    POOLED,
    /** Claimed by a unit; the lease runs until it accepts. */
    CLAIMED,
    ACCEPTED,
    /** The unit asked to return it (退单); the hotline centre arbitrates. */
    RETURN_REQUESTED,
    /** Clock paused while the citizen supplies material (补充材料). */
    WAITING_CITIZEN,
    /** Reply given (办结). */
    REPLIED,
    /** Callback (回访) recorded, citizen satisfied. */
    CALLBACK_DONE,
    CLOSED;

    /** States in which the unit's clock runs and warnings apply. */
    public static final Set<WorkOrderStatus> OPEN =
            EnumSet.of(DISPATCHED, POOLED, CLAIMED, ACCEPTED, RETURN_REQUESTED);

    /** Open311 "open" or "closed". */
    public String open311() {
        return this == REPLIED || this == CALLBACK_DONE || this == CLOSED ? "closed" : "open";
    }
}
