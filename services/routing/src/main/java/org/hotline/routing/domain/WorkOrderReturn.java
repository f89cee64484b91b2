package org.hotline.routing.domain;

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
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.tenancy.TenantFilter;

/** A unit's request to return an order (退单) and the hotline centre's arbitration of it. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "work_order_return")
public class WorkOrderReturn extends PanacheEntityBase implements AuditedCase {

    @Override
    public String auditId() {
        return workOrderId.toString();
    }

    @Override
    public String auditTenant() {
        return tenant;
    }

    /** Why a unit returns an order. */
    public enum ReasonCode { NOT_OUR_REGION, NOT_OUR_BUSINESS, INSUFFICIENT_INFORMATION, DUPLICATE, OTHER }

    /** Outcome of the arbitration. */
    public enum Outcome { PENDING, APPROVED, REFUSED }

    @Id
    public UUID id;

    @Column(name = "work_order_id", nullable = false)
    public UUID workOrderId;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(name = "unit_id", nullable = false)
    public UUID unitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code", nullable = false)
    public ReasonCode reasonCode;

    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_before", nullable = false)
    public WorkOrderStatus statusBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "counts_against_unit", nullable = false)
    public boolean countsAgainstUnit;

    @Column(name = "target_unit_id")
    public UUID targetUnitId;

    @Column(name = "arbitration_note")
    public String arbitrationNote;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "arbitrated_by")
    public String arbitratedBy;

    @Column(name = "arbitrated_at")
    public Instant arbitratedAt;
}
