package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One entry of a work order's append-only audit trail (可回溯): who did what, when, and why. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "work_order_history")
public class WorkOrderHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "work_order_id", nullable = false)
    public UUID workOrderId;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    @Column(name = "unit_id")
    public UUID unitId;

    public String reason;
}
