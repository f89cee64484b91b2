package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** The first answer to a POST carrying an {@code Idempotency-Key}, replayed when the same caller retries it. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "idempotent_request")
public class IdempotentRequest extends PanacheEntityBase {

    /** A key is scoped by tenant, endpoint and caller, so no one else ever sees the answer. */
    @Embeddable
    public record Key(@Column(name = "tenant") String tenant, @Column(name = "endpoint") String endpoint,
            @Column(name = "caller") String caller, @Column(name = "idempotency_key") String idempotencyKey)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** SHA-256 of the request body: the same key with another body is refused. */
    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(name = "result_id")
    public UUID resultId;

    @Column(name = "result_count")
    public Integer resultCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
