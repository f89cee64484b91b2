package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** The evaluation form of an assignment: a draft until submitted. Lists are stored as JSON text. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "case_evaluation")
public class CaseEvaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public int round;

    /** DRAFT or SUBMITTED. */
    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "contact_attempts", nullable = false)
    public String contactAttempts;

    @Column(name = "complainant_verdict", length = 24)
    public String complainantVerdict;

    @Column(name = "evaluator_verdict", length = 24)
    public String evaluatorVerdict;

    @Column(name = "complaint_reasonable", length = 16)
    public String complaintReasonable;

    @Column(name = "unit_performed_duty", length = 16)
    public String unitPerformedDuty;

    @Column(name = "on_site_verified", nullable = false)
    public boolean onSiteVerified;

    @Column(name = "on_site_note", length = 2000)
    public String onSiteNote;

    @Column(length = 4000)
    public String notes;

    @Column(name = "evidence_refs", nullable = false)
    public String evidenceRefs;

    @Column(nullable = false)
    public String articles;

    /** NO_ACTION, REWORK, SUPERVISION or HEARING, once submitted. */
    @Column(length = 24)
    public String outcome;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
