package org.hotline.intake.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One attempt to call a citizen back, successful or not, for the callback-execution KPI. */
@Entity
@Table(name = "callback_attempt")
public class CallbackAttempt extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "callback_id")
    public UUID callbackId;
    @Column(name = "agent_id")
    public String agentId;
    public String result;
    public String note;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "attempted_at")
    public Instant attemptedAt;
}
