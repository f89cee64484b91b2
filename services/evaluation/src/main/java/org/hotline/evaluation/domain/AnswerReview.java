package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A quality reviewer's verdict on an agent's answer to one contact (质检, 解答准确率); one per contact and tenant. */
@Entity
@Table(name = "answer_review")
public class AnswerReview extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(nullable = false, length = 2)
    public String tenant;
    @Column(name = "contact_id", nullable = false)
    public UUID contactId;
    @Column(name = "call_id")
    public String callId;
    @Column(name = "agent_id", nullable = false)
    public String agentId;
    @Column(name = "queue_id")
    public String queueId;
    public String channel;
    public String category;
    @Column(nullable = false)
    public boolean accurate;
    @Column(name = "expected_article_id")
    public String expectedArticleId;
    public String note;
    @Column(nullable = false)
    public String reviewer;
    @Column(name = "reviewed_at", nullable = false)
    public Instant reviewedAt;
}
