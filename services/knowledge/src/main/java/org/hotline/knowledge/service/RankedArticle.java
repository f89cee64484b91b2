package org.hotline.knowledge.service;

/**
 * A search or answer result: the article version in force, its score, confidence and highlighted snippet, and how much
 * of the question its title and 同义问法 cover (in [0, 1]).
 */
public record RankedArticle(ArticleSnapshot article, ArticleSnapshot.PublishedVersion version, double score,
        double confidence, String highlight, double headCoverage) {

    public RankedArticle(ArticleSnapshot article, ArticleSnapshot.PublishedVersion version, double score,
            double confidence, String highlight) {
        this(article, version, score, confidence, highlight, 0);
    }
}
