package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One callback booked for a caller: OFFERED, then KEPT or FAILED. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "callback_fact")
public class CallbackFact extends PanacheEntityBase {

    @Id
    @Column(name = "callback_id")
    public String callbackId;

    public String tenant;
    @Column(name = "queue_id")
    public String queueId;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    public String status;
    public int attempts;
}
