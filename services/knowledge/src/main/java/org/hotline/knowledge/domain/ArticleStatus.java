package org.hotline.knowledge.domain;

/** Lifecycle of an article version: only PUBLISHED versions ever answer a citizen. */
public enum ArticleStatus {
    /** Being written; visible to editors only. */
    DRAFT,
    /** Reviewed and visible to staff, not yet to automatic answers. */
    INTERNAL,
    /** In force from its effective date. */
    PUBLISHED,
    /** Withdrawn; never answers again. */
    ARCHIVED
}
