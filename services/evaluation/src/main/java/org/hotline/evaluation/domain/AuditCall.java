package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One test call of a campaign: scheduled, then scored on the five criteria. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "audit_call")
public class AuditCall extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "campaign_id", nullable = false)
    public UUID campaignId;

    @Column(name = "line_id", nullable = false)
    public UUID lineId;

    @Column(length = 500)
    public String scenario;

    @Column(length = 128)
    public String auditor;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "called_at")
    public Instant calledAt;

    /** ANSWERED, UNANSWERED, BUSY, DEAD_NUMBER, WRONG_NUMBER. */
    @Column(length = 16)
    public String answer;

    @Column(name = "seconds_to_answer")
    public Integer secondsToAnswer;

    public Integer rings;

    @Column(name = "answered_promptly")
    public Boolean answeredPromptly;

    @Column(name = "business_proficient")
    public Boolean businessProficient;

    @Column(name = "first_responsibility")
    public Boolean firstResponsibility;

    @Column(name = "good_attitude")
    public Boolean goodAttitude;

    @Column(name = "civil_language")
    public Boolean civilLanguage;

    public Boolean passed;

    @Column(length = 2000)
    public String note;

    @Column(name = "scored_at")
    public Instant scoredAt;

    @Column(name = "dead_number_reported_at")
    public Instant deadNumberReportedAt;

    /** PENDING (to report to knowledge), DONE, NOT_IN_DIRECTORY, SKIPPED (same number already reported). */
    @Column(name = "dead_number_status", length = 16)
    public String deadNumberStatus;
}
