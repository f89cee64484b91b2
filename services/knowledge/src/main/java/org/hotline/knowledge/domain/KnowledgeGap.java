package org.hotline.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A question the knowledge base could not answer well, grouped by normalised text and region. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "knowledge_gap")
public class KnowledgeGap extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "question_hash", nullable = false, length = 64)
    public String questionHash;

    @Column(nullable = false, length = 2000)
    public String question;

    @Column(name = "region_code", nullable = false, columnDefinition = "bpchar(6)")
    public String regionCode;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(nullable = false, length = 20)
    public String channel;

    @Column(name = "best_article_id")
    public UUID bestArticleId;

    @Column(name = "best_confidence", nullable = false)
    public double bestConfidence;

    @Column(name = "times_asked", nullable = false)
    public int timesAsked;

    @Column(name = "first_asked_at", nullable = false)
    public OffsetDateTime firstAskedAt;

    @Column(name = "last_asked_at", nullable = false)
    public OffsetDateTime lastAskedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
}
