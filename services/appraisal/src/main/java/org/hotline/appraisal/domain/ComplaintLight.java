package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One crossing of a complaint threshold (黄灯, then perhaps 红灯) until it clears; written by LightEvaluation. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "complaint_light")
public class ComplaintLight extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenant;
    public String scope;
    @Column(name = "scope_key")
    public String scopeKey;
    public String level;
    public int count;
    public BigDecimal threshold;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "red_at")
    public Instant redAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "cleared_at")
    public Instant clearedAt;
}
