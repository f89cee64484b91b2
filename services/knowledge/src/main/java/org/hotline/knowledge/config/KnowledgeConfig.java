package org.hotline.knowledge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the knowledge service, under {@code hotline.knowledge}. */
@ConfigMapping(prefix = "hotline.knowledge")
public interface KnowledgeConfig {

    /** Answering. */
    Answers answers();

    /** Institution directory freshness. */
    Directory directory();

    /** Search index. */
    Index index();

    /** Seed content. */
    Seed seed();

    /** How answers are judged good enough. */
    interface Answers {
        /**
         * Confidence below which an answer is "not found" and the question is logged as a knowledge gap. 0.45 keeps the
         * precision of found at or above 98% on the labelled questions (docs/knowledge.md).
         */
        @WithDefault("0.45")
        double minConfidence();

        /** Number of alternatives returned with an answer. */
        @WithDefault("3")
        int alternatives();
    }

    /** When directory entries need attention. */
    interface Directory {
        /** A phone not verified for this long is flagged stale for its owner. */
        @WithDefault("P180D")
        Duration staleAfter();

        /** Reports of a wrong or dead number after which the number is withheld from automatic answers. */
        @WithDefault("3")
        int deadReportThreshold();
    }

    /** Index freshness across replicas. */
    interface Index {
        /** PostgreSQL LISTEN/NOTIFY channel carrying changed article ids to every replica. */
        @WithDefault("knowledge_changed")
        String notifyChannel();

        /**
         * Local folder that keeps the search index across restarts (reconciled with the database at start-up, so only
         * new or changed articles are analysed again); empty: a temporary folder, rebuilt in full at every start.
         */
        java.util.Optional<String> folder();
    }

    /** Seed content loaded into an empty database at start-up. */
    interface Seed {
        /** Whether to load the bundled articles and directory into an empty database. */
        @WithDefault("true")
        boolean enabled();
    }
}
