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
import org.hotline.common.category.ServiceCategory;
import org.hotline.common.tenancy.TenantFilter;

/** A citizen's answer to the post-contact satisfaction survey (满意度评分): one per contact. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "satisfaction_survey")
public class SatisfactionSurvey extends PanacheEntityBase {

    /** The three-level scale of 12393/12345 lines and its 100-point score (docs/intake.md). */
    public enum Answer {
        SATISFIED(100), BASICALLY_SATISFIED(80), UNSATISFIED(0);

        public final int score;

        Answer(int score) {
            this.score = score;
        }
    }

    @Id
    @Column(name = "contact_id")
    public UUID contactId;
    @Column(nullable = false, length = 2)
    public String tenant;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "queue_id", columnDefinition = "bpchar(6)")
    public String queueId;
    @Column(name = "region_code", columnDefinition = "bpchar(6)")
    public String regionCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public ServiceCategory category;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Answer answer;
    @Column(nullable = false)
    public int score;
    @Column(name = "answered_at", nullable = false)
    public Instant answeredAt;
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
