package org.hotline.intake.domain;

/** Where a hand-off to routing stands. */
public enum HandOffStatus {
    /** Not yet taken by routing (routing down, or the region still pending); the job keeps trying. */
    PENDING,
    /** Routing created the work order. */
    CREATED,
    /** Routing refused the order's content; an agent must correct it (kept, never dropped). */
    REJECTED
}
