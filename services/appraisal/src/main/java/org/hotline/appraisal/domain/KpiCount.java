package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** Running count of facts per tenant, event type and verdict, with the sum of satisfaction scores. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "kpi_count")
public class KpiCount extends PanacheEntityBase {

    /** What a count is kept per. */
    @Embeddable
    public record Key(@Column(name = "tenant") String tenant, @Column(name = "type") String type,
            @Column(name = "verdict") String verdict) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public long events;

    @Column(name = "score_sum", nullable = false)
    public long scoreSum;
}
