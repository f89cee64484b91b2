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
import org.hotline.common.tenancy.TenantFilter;

/** A callback that holds the caller's place in the queue (virtual hold) or books one outside service hours. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "callback")
public class Callback extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "contact_id")
    public UUID contactId;
    public String tenant;
    @Column(name = "region_code", columnDefinition = "bpchar(6)")
    public String regionCode;
    public int priority;
    @Column(name = "place_at")
    public Instant placeAt;
    public String phone;
    @Enumerated(EnumType.STRING)
    public CallbackStatus status;
    public int attempts;
    @Column(name = "agent_id")
    public String agentId;
    /** WAIT_TOO_LONG (virtual hold) or OUT_OF_HOURS (booking). */
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
}
