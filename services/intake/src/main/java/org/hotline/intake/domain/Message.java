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

/** A text message (web, app, WeChat) and the reply the citizen got. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "contact_id")
    public UUID contactId;
    public String tenant;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String text;
    @Enumerated(EnumType.STRING)
    public ServiceCategory category;
    /** AUTOMATIC_ANSWER, WORK_ORDER, or KNOWLEDGE_UNAVAILABLE (polite fallback, handed to people). */
    public String outcome;
    public String reply;
    @Column(name = "article_id")
    public String articleId;
    @Column(name = "article_title")
    public String articleTitle;
    /** Citations as "name|number|url" lines. */
    public String citations;
    public Double confidence;
    @Column(name = "service_open")
    public boolean serviceOpen;
    @Column(name = "created_at")
    public Instant createdAt;
}
