package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A line a campaign tests: from knowledge's institution directory (institution id) or entered by hand. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "audit_line")
public class AuditLine extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "campaign_id", nullable = false)
    public UUID campaignId;

    @Column(name = "institution_id", length = 64)
    public String institutionId;

    @Column(name = "unit_id", length = 64)
    public String unitId;

    @Column(name = "unit_name", nullable = false, length = 200)
    public String unitName;

    /** Normalised number of the line (an institution's, not a citizen's: shown in full). */
    @Column(nullable = false, length = 32)
    public String phone;

    @Column(name = "region_code", length = 6)
    public String regionCode;
}
