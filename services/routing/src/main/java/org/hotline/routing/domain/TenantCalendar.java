package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant's zone and working hours when they differ from the defaults. */
@Entity
@Table(name = "tenant_calendar")
public class TenantCalendar extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "bpchar(2)")
    public String tenant;

    @Column(nullable = false)
    public String zone;

    @Column(name = "working_hours", nullable = false)
    public String workingHours;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
