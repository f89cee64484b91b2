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

/** A return (退单) step of a unit: REQUESTED, APPROVED or REFUSED (refused = improper, counted against the unit). */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "work_order_return_fact")
public class WorkOrderReturnFact extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    public String tenant;
    @Column(name = "work_order_id")
    public UUID workOrderId;
    @Column(name = "unit_id")
    public String unitId;
    public String decision;
    @Column(name = "occurred_at")
    public Instant occurredAt;
}
