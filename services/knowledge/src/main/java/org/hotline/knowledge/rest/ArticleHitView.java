package org.hotline.knowledge.rest;

import java.time.Instant;
import java.util.UUID;
import org.hotline.knowledge.service.RankedArticle;

/** An article as found by search or answer: the version in force, its confidence and highlighted snippet. */
public record ArticleHitView(UUID articleId, int version, String title, String answer, String highlight,
        double score, double confidence, String scopeRegionCode, String topic, String service, Instant effectiveFrom,
        Instant effectiveTo, CitationView citation) {

    /** The policy document an answer rests on. */
    public record CitationView(String documentName, String documentNumber, String url) {
    }

    static ArticleHitView of(RankedArticle r) {
        var v = r.version();
        return new ArticleHitView(r.article().id(), v.version(), v.title(), v.answer(), r.highlight(),
                Math.round(r.score() * 1000) / 1000.0, r.confidence(), r.article().scope(), v.topic(), v.service(),
                v.effectiveFrom(), v.effectiveTo(),
                v.citationName() == null ? null : new CitationView(v.citationName(), v.citationNumber(), v.citationUrl()));
    }
}
