package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A hearing (听证会) of a tenant's quarter: units and evaluators face to face over an agenda. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "hearing")
public class Hearing extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    /** e.g. 2026-Q4. */
    @Column(nullable = false, length = 7)
    public String quarter;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(name = "held_at")
    public Instant heldAt;

    @Column(length = 200)
    public String location;

    /** PLANNED or HELD (every item decided). */
    @Column(nullable = false, length = 16)
    public String status;

    /** JSON object {"units": [...], "evaluators": [...]} of who attended. */
    @Column(nullable = false)
    public String attendance;

    @Column(name = "created_by", nullable = false, length = 128)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
