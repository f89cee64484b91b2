package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A case a run could not assign, and why (NO_ACTIVE_EVALUATOR, ALL_CONFLICTED, CAPACITY_EXHAUSTED). */
// No tenant of its own: visible when its run is.
@Filter(name = TenantFilter.NAME, condition = "(:" + TenantFilter.PARAMETER + " = '*' or run_id in (select r.id from "
        + "assignment_run r where r.tenant = :" + TenantFilter.PARAMETER + "))")
@Entity
@Table(name = "unassigned_case")
public class UnassignedCase extends PanacheEntityBase {

    /** Run and case. */
    @Embeddable
    public record Key(@Column(name = "run_id") UUID runId, @Column(name = "case_id") UUID caseId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false, length = 32)
    public String reason;
}
