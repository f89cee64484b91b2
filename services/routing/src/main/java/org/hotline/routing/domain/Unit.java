package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A unit (承办单位) of a tenant that handles work orders: an agency, an office or a department inside one. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {

    /** What kind of unit it is; the hotline centre arbitrates returns and reassigns. */
    public enum Kind { HOTLINE_CENTER, PROVINCE_AGENCY, CITY_AGENCY, COUNTY_OFFICE, DEPARTMENT }

    @Id
    public UUID id;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    @Column(name = "region_code", columnDefinition = "bpchar(6)", nullable = false)
    public String regionCode;

    @Column(name = "leader_name")
    public String leaderName;

    @Column(name = "leader_phone")
    public String leaderPhone;

    /** The unit's own working hours, or null for the tenant's. */
    @Column(name = "working_hours")
    public String workingHours;

    @Column(name = "open_claim_cap", nullable = false)
    public int openClaimCap;

    @Column(nullable = false)
    public boolean active;

    @Version
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
