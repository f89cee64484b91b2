package org.hotline.knowledge.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the search index knows of an article: its identity, scope and every published version. */
public record ArticleSnapshot(UUID id, String questionKey, String scope, boolean archived,
        List<PublishedVersion> versions) {

    /** One published version. */
    public record PublishedVersion(int version, String title, String questionVariants, String answer, String topic,
            String service, Instant effectiveFrom, Instant effectiveTo, String citationName, String citationNumber,
            String citationUrl) {

        /** Whether this version's own validity covers {@code at}. */
        public boolean validAt(Instant at) {
            return !effectiveFrom.isAfter(at) && (effectiveTo == null || effectiveTo.isAfter(at));
        }
    }

    /**
     * The version in force at {@code at}: the latest published version already effective then; null when the article
     * is archived, not yet effective, or that version had expired. A later version always overrides an earlier one, so
     * an edit that sets an end date ends the article even though older versions had none.
     */
    public PublishedVersion inForce(Instant at) {
        if (archived) {
            return null;
        }
        PublishedVersion best = null;
        for (PublishedVersion v : versions) {
            if (!v.effectiveFrom().isAfter(at) && (best == null || v.version() > best.version())) {
                best = v;
            }
        }
        return best != null && best.validAt(at) ? best : null;
    }
}
