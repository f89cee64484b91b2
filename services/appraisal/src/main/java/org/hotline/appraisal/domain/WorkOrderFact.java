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

/** One work order: its state after routing's latest fact, and what happened to it (replied on time, claimed...). */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "work_order_fact")
public class WorkOrderFact extends PanacheEntityBase {

    @Id
    @Column(name = "work_order_id")
    public UUID workOrderId;

    public String tenant;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "unit_id")
    public String unitId;
    @Column(name = "first_unit_id")
    public String firstUnitId;
    public String category;
    public String subcategory;
    public String channel;
    public String status;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "replied_at")
    public Instant repliedAt;
    @Column(name = "replied_on_time")
    public Boolean repliedOnTime;
    @Column(name = "callback_at")
    public Instant callbackAt;
    @Column(name = "callback_due_at")
    public Instant callbackDueAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String satisfaction;
    public boolean supervised;
    @Column(name = "reopen_count")
    public int reopenCount;
    @Column(name = "returns_used")
    public int returnsUsed;
    public boolean pooled;
    public boolean claimed;
}
