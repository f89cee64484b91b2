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

/** An evaluator's verdict (满意 / 不满意) and satisfaction score on how a work order was handled. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "evaluation")
public class Evaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "work_order_id", nullable = false)
    public UUID workOrderId;

    @Column(name = "region_code", nullable = false, length = 6)
    public String regionCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public EvaluationVerdict verdict;

    @Column(nullable = false)
    public short score;

    @Column(nullable = false, length = 128)
    public String evaluator;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
