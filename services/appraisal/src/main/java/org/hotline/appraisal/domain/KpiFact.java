package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hotline.common.tenancy.CallerTenant;

/** One fact appraisal learned from a feed: the event it came from and the dimensions KPIs are cut by. */
// Declared once per persistence unit; every tenant-owned entity of the service carries @Filter (docs/security.md).
@FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
        applyToLoadByKey = true, parameters = @ParamDef(name = TenantFilter.PARAMETER, type = String.class,
                resolver = CallerTenant.class))
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "kpi_fact")
public class KpiFact extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(nullable = false, length = 128)
    public String type;

    @Column(name = "aggregate_id", nullable = false, length = 64)
    public String aggregateId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "region_code", length = 6)
    public String regionCode;

    @Column(length = 16)
    public String verdict;

    public Short score;

    @Column(name = "work_order_id")
    public UUID workOrderId;
}
