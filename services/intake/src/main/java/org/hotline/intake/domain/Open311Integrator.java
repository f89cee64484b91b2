package org.hotline.intake.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A system allowed to post Open311 requests for one tenant; only the SHA-256 of its API key is stored. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "open311_integrator")
public class Open311Integrator extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenant;
    public String name;
    @Column(name = "api_key_hash", columnDefinition = "bpchar(64)")
    public String apiKeyHash;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "idempotency_key", length = 128)
    public String idempotencyKey;
}
