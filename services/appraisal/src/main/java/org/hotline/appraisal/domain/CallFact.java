package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One call as intake's facts describe it: queue, agent, when it was offered, answered or abandoned, waits. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "call_fact")
public class CallFact extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;

    public String tenant;
    @Column(name = "queue_id")
    public String queueId;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "agent_id")
    public String agentId;
    public String category;
    public String outcome;
    @Column(name = "offered_at")
    public Instant offeredAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "abandoned_at")
    public Instant abandonedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "wait_seconds")
    public BigDecimal waitSeconds;
    @Column(name = "handle_seconds")
    public BigDecimal handleSeconds;
    @Column(name = "service_open")
    public Boolean serviceOpen;
    @Column(name = "callback_booked")
    public boolean callbackBooked;
    @Column(name = "reached_queue")
    public Boolean reachedQueue;
    /** Intake's contact of the call: its caller key (contact_fact) tells repeat contacts apart. */
    @Column(name = "contact_id")
    public String contactId;
}
