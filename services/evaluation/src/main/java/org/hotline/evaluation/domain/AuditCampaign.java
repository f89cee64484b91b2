package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A mystery-shopper campaign (电话暗访): scripted scenarios, auditors, target lines and a pass rule. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "audit_campaign")
public class AuditCampaign extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(nullable = false, length = 200)
    public String name;

    /** JSON list of scripted citizen questions. */
    @Column(nullable = false)
    public String scenarios;

    /** JSON list of auditor subjects (evaluators who may score calls). */
    @Column(nullable = false)
    public String auditors;

    @Column(name = "pass_rule", nullable = false, length = 200)
    public String passRule;

    @Column(name = "starts_on")
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Column(name = "created_by", nullable = false, length = 128)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
