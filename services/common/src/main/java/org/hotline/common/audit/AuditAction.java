package org.hotline.common.audit;

/** What a caller did to a case, as recorded in the access audit. */
public enum AuditAction {
    /** Read one case (its detail, its history, a revealed number). */
    READ,
    /** Registered a new case. */
    CREATE,
    /** Changed a case (an action on a work order, an evaluation submitted or corrected). */
    UPDATE,
    /** Exported cases. */
    EXPORT
}
