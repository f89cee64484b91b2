package org.hotline.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One immutable version of an article's content; only its lifecycle status changes after creation. */
// A version has no tenant of its own: it is visible when its article is (drafts of another province are not).
@Filter(name = TenantFilter.NAME, condition = ArticleVersion.TENANT_CONDITION)
@Entity
@Table(name = "article_version")
@IdClass(ArticleVersion.Key.class)
public class ArticleVersion extends PanacheEntityBase {

    /** {@link TenantFilter#CONDITION_OR_NATIONAL} applied to the version's article. */
    static final String TENANT_CONDITION = "(:" + TenantFilter.PARAMETER + " = '*' or article_id in (select a.id from "
            + "article a where a.tenant = '*' or a.tenant = :" + TenantFilter.PARAMETER + "))";

    @Id
    @Column(name = "article_id")
    public UUID articleId;

    @Id
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ArticleStatus status;

    @Column(nullable = false, length = 200)
    public String title;

    /** 同义问法, one per line. */
    @Column(name = "question_variants", nullable = false)
    public String questionVariants;

    @Column(nullable = false)
    public String answer;

    @Column(nullable = false, length = 32)
    public String topic;

    @Column(nullable = false, length = 32)
    public String service;

    @Column(name = "effective_from", nullable = false)
    public OffsetDateTime effectiveFrom;

    @Column(name = "effective_to")
    public OffsetDateTime effectiveTo;

    @Column(name = "citation_name", length = 300)
    public String citationName;

    @Column(name = "citation_number", length = 100)
    public String citationNumber;

    @Column(name = "citation_url", length = 500)
    public String citationUrl;

    @Column(nullable = false, length = 100)
    public String owner;

    @Column(name = "review_date")
    public LocalDate reviewDate;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** Composite key (article, version number). */
    public static class Key implements Serializable {
        public UUID articleId;
        public int version;

        public Key() {
        }

        public Key(UUID articleId, int version) {
            this.articleId = articleId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.articleId, articleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(articleId, version);
        }
    }
}
