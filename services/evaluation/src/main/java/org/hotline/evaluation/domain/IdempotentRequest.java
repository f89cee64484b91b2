package org.hotline.evaluation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The first answer to a POST carrying an {@code Idempotency-Key}, replayed when the caller retries. */
@Entity
@Table(name = "idempotent_request")
public class IdempotentRequest extends PanacheEntityBase {

    /** A key is scoped to its caller, so two callers never see each other's answers. */
    @Embeddable
    public record Key(@Column(name = "idempotency_key") String idempotencyKey, @Column(name = "caller") String caller)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "result_id")
    public UUID resultId;

    @Column(name = "result_count")
    public Integer resultCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
