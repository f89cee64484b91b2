package org.hotline.intake.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A province's service hours as its administrator set them (absent: the configured hours apply). */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "service_hours")
public class TenantServiceHours extends PanacheEntityBase {

    @Id
    @Column(length = 2)
    public String tenant;
    @Column(nullable = false, length = 64)
    public String zone;
    @Column(name = "open_at", nullable = false, length = 12)
    public String openAt;
    @Column(name = "close_at", nullable = false, length = 12)
    public String closeAt;
    @Column(name = "lunch_start", length = 12)
    public String lunchStart;
    @Column(name = "lunch_end", length = 12)
    public String lunchEnd;
    /** Working days of the week, e.g. {@code MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY}. */
    @Column(nullable = false, length = 80)
    public String days;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
