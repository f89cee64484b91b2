package org.hotline.knowledge.service;

/** A search or answer result: the article version in force, its score, confidence and highlighted snippet. */
public record RankedArticle(ArticleSnapshot article, ArticleSnapshot.PublishedVersion version, double score,
        double confidence, String highlight) {
}
