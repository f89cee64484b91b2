package org.hotline.intake.domain;

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
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hotline.common.tenancy.CallerTenant;
import org.hotline.common.tenancy.TenantFilter;

/** A citizen contact on any channel, with the pooling region it belongs to. */
// Declared once per persistence unit; every tenant-owned entity of the service carries @Filter (docs/security.md).
@FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
        applyToLoadByKey = true, parameters = @ParamDef(name = TenantFilter.PARAMETER, type = String.class,
                resolver = CallerTenant.class))
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Channel channel;

    @Column(name = "dialed_number", length = 32)
    public String dialedNumber;

    @Column(name = "caller_number", length = 32)
    public String callerNumber;

    @Column(name = "carrier_region_code", columnDefinition = "bpchar(6)")
    public String carrierRegionCode;

    @Column(name = "ivr_region_code", columnDefinition = "bpchar(6)")
    public String ivrRegionCode;

    /** Address the citizen gave (Open311 address_string, a message's address), for region resolution. */
    @Column(length = 255)
    public String address;

    public Double latitude;

    public Double longitude;

    /** Province whose central queue takes the contact when nothing else decides its region. */
    @Column(name = "fallback_tenant", length = 2)
    public String fallbackTenant;

    @Enumerated(EnumType.STRING)
    @Column(name = "region_status", nullable = false, length = 16)
    public RegionStatus regionStatus;

    @Column(name = "pooling_region_code", columnDefinition = "bpchar(6)")
    public String poolingRegionCode;

    @Column(name = "pooling_region_name", length = 64)
    public String poolingRegionName;

    @Column(name = "province_code", columnDefinition = "bpchar(6)")
    public String provinceCode;

    @Column(name = "province_name", length = 64)
    public String provinceName;

    @Column(name = "region_decided_by", length = 32)
    public String regionDecidedBy;

    @Column(name = "resolution_attempts", nullable = false)
    public int resolutionAttempts;

    @Column(name = "last_resolution_error", length = 255)
    public String lastResolutionError;

    @Column(name = "idempotency_key", length = 128)
    public String idempotencyKey;

    /** Tenant of the token that sent the Idempotency-Key (scope of the key). */
    @Column(name = "idempotency_tenant", length = 2)
    public String idempotencyTenant;

    /** Endpoint the key was sent to: contacts, messages, calls or open311. */
    @Column(name = "idempotency_endpoint", length = 16)
    public String idempotencyEndpoint;

    /** SHA-256 of the request that used the key; a reuse with another body is refused. */
    @Column(name = "request_hash", columnDefinition = "bpchar(64)")
    public String requestHash;

    @Column(name = "registered_by", nullable = false, length = 128)
    public String registeredBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "region_resolved_at")
    public Instant regionResolvedAt;
}
