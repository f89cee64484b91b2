package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A tenant's decision that a region and everything below it pools with another region from a date. */
@Entity
@Table(name = "pooling_assignment")
public class PoolingAssignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(name = "region_code", columnDefinition = "bpchar(6)", nullable = false)
    public String regionCode;

    @Column(name = "pooling_code", columnDefinition = "bpchar(6)", nullable = false)
    public String poolingCode;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** Exclusive end; null while in force. */
    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Whether this assignment is in force on {@code day}. */
    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
    }
}
