package org.hotline.intake.domain;

import org.hotline.common.category.ServiceCategory;
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

/** A phone call with every timestamp the switch reported; its state is derived from them, so order does not matter. */
@Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION_OR_UNCLAIMED)
@Entity
@Table(name = "call_record")
public class CallRecord extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "contact_id")
    public UUID contactId;
    public String tenant;
    @Column(name = "region_code", columnDefinition = "bpchar(6)")
    public String regionCode;
    /** The contact's pooling region (the queue may be its province's central queue). */
    @Column(name = "contact_region_code", columnDefinition = "bpchar(6)")
    public String contactRegionCode;
    public int priority;
    @Column(name = "offered_at")
    public Instant offeredAt;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "abandoned_at")
    public Instant abandonedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "agent_id")
    public String agentId;
    @Enumerated(EnumType.STRING)
    public ServiceCategory category;
    public String summary;
    @Enumerated(EnumType.STRING)
    public CallOutcome outcome;
    @Column(name = "recording_ref")
    public String recordingRef;
    @Column(name = "ivr_question")
    public String ivrQuestion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The state the timestamps tell, the furthest one winning. */
    public String state() {
        if (endedAt != null) {
            return "ENDED";
        }
        if (abandonedAt != null) {
            return "ABANDONED";
        }
        if (answeredAt != null) {
            return "ANSWERED";
        }
        if (queuedAt != null) {
            return "QUEUED";
        }
        return offeredAt != null ? "OFFERED" : "UNKNOWN";
    }

    /** Still waiting for an agent. */
    public boolean waiting() {
        return offeredAt != null && answeredAt == null && abandonedAt == null && endedAt == null;
    }

    /** The caller's place in the queue: when it joined it. */
    public Instant placeAt() {
        return queuedAt != null ? queuedAt : offeredAt;
    }
}
