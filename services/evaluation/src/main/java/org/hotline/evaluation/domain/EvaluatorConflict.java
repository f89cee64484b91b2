package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A conflict of interest an evaluator declared: cases touching it are never given to them. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "evaluator_conflict")
public class EvaluatorConflict extends PanacheEntityBase {

    /** What the declaration names. */
    public enum Kind {
        /** Their own address: a case whose address contains it. */
        ADDRESS,
        /** A housing estate (小区): a case whose address contains its name. */
        ESTATE,
        /** A unit (routing unit id) they are related to: a case that unit handled or first took. */
        UNIT,
        /** A person, by phone number: a case that person filed. */
        PERSON
    }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "evaluator_id", nullable = false)
    public UUID evaluatorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    @Column(nullable = false, length = 200)
    public String value;

    @Column(length = 500)
    public String note;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
