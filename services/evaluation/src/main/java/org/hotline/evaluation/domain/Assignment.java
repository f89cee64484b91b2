package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A case given to one evaluator for one round (1, or 2 after rework), with the form's deadline. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    /** Where the form stands. */
    public enum Status { OPEN, SUBMITTED }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public int round;

    @Column(name = "evaluator_id", nullable = false)
    public UUID evaluatorId;

    @Column(name = "run_id")
    public UUID runId;

    @Column(nullable = false)
    public LocalDate week;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "remind_at", nullable = false)
    public Instant remindAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    /** CALENDAR (routing's working-day calendar) or WEEKDAYS (routing was unreachable: Monday to Friday). */
    @Column(name = "deadline_basis", nullable = false, length = 16)
    public String deadlineBasis;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Version
    public int version;
}
