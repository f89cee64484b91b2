package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A rework or supervision request to routing, queued with the decision and sent until routing answers. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "routing_action")
public class RoutingAction extends PanacheEntityBase {

    /** Which routing call. */
    public enum Kind { REOPEN, SUPERVISE }

    /** PENDING until routing applied it (DONE) or refused it for good (REJECTED). */
    public enum Status { PENDING, DONE, REJECTED }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "work_order_id", nullable = false)
    public UUID workOrderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    @Column(nullable = false)
    public int round;

    /** EVALUATION, UNSATISFIED_AFTER_REWORK, NOT_REPLIED_AFTER_REWORK or HEARING. */
    @Column(nullable = false, length = 32)
    public String trigger;

    @Column(nullable = false, length = 1000)
    public String reason;

    @Column(nullable = false, length = 128)
    public String actor;

    /** Routing's reopen count when decided: a higher count on the order means this action was already applied. */
    @Column(name = "reopen_count_before", nullable = false)
    public int reopenCountBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "done_at")
    public Instant doneAt;
}
