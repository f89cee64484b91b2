package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A third-party evaluator (第三方评价员) of one tenant, linked to a token subject. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "evaluator")
public class Evaluator extends PanacheEntityBase {

    /** Whether an evaluator takes cases. */
    public enum Status { ACTIVE, PAUSED, RETIRED }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    /** Subject ({@code sub}) of the evaluator's token. */
    @Column(nullable = false, length = 128)
    public String subject;

    @Column(nullable = false, length = 100)
    public String name;

    /** Normalised phone; a case whose complainant's masked phone matches is the evaluator's own. */
    @Column(length = 32)
    public String phone;

    /** Comma-separated 6-digit regions covered (a province code covers all its cities). */
    @Column(name = "region_codes", nullable = false, length = 200)
    public String regionCodes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(name = "weekly_capacity", nullable = false)
    public int weeklyCapacity;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public List<String> regions() {
        return regionCodes == null || regionCodes.isBlank() ? List.of() : Arrays.asList(regionCodes.split(","));
    }
}
