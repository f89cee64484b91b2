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

/** A hotspot raised once as an alert to its province's leaders, until acknowledged; written by HotspotAlerts. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "hotspot_alert")
public class HotspotAlert extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenant;
    public String kind;
    public String label;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "case_count")
    public int caseCount;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    @Column(name = "alerted_at")
    public Instant alertedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
}
