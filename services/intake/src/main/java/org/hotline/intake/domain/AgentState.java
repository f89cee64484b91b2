package org.hotline.intake.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** An agent's current state in the queue (tenant and pooling region) it serves. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "agent_state")
public class AgentState extends PanacheEntityBase {

    @Id
    @Column(name = "agent_id")
    public String agentId;
    public String tenant;
    @Column(name = "region_code", columnDefinition = "bpchar(6)")
    public String regionCode;
    @Enumerated(EnumType.STRING)
    public AgentPresence state;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
