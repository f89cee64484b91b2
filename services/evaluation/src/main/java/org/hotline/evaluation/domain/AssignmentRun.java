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

/** One assignment run of a tenant for a week (the weekly job or on demand), with its seed and counts. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "assignment_run")
public class AssignmentRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    /** Monday of the week, in the tenant's zone. */
    @Column(nullable = false)
    public LocalDate week;

    @Column(nullable = false)
    public long seed;

    /** WEEKLY or ON_DEMAND. */
    @Column(nullable = false, length = 16)
    public String trigger;

    @Column(name = "started_by", nullable = false, length = 128)
    public String startedBy;

    @Column(nullable = false)
    public int assigned;

    @Column(nullable = false)
    public int unassigned;

    @Column(name = "not_sampled", nullable = false)
    public int notSampled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
