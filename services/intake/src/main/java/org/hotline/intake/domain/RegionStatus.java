package org.hotline.intake.domain;

/** Where a contact's region resolution stands. */
public enum RegionStatus {
    /** Routing answered with a pooling region. */
    RESOLVED,
    /** Routing could not be reached; the retry job resolves it once routing is back. */
    PENDING,
    /** Routing answered but nothing in the contact tells the region; an agent must choose it. */
    UNDETERMINED
}
