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

        /**
         * Threads that run searches and answers; empty: one per available core. Searching is pure CPU, so more threads
         * than cores only time-slice answers against each other and lengthen the tail under load (docs/benchmarks.md).
         */
        java.util.Optional<Integer> searchThreads();

        /**
         * Searches that may wait for a search thread, per thread; one more is refused at once (503 with Retry-After,
         * gRPC UNAVAILABLE) so that callers can go to another replica or the queue. Unbounded, a surge beyond the
         * replica's CPU queued every question (17,500 open connections, 0.8-1.5 s collections) until all timed out.
         * A search takes about a millisecond of CPU: 100 per thread is about 0.1 s of waiting.
         */
        @WithDefault("100")
        int queuedSearchesPerThread();

        /**
         * How long an answer to a question asked for "now" is reused for the same words in the same region; 0: never.
         * In a surge most callers ask the same few questions. An article or vocabulary change drops every reused
         * answer at once; only an article whose effective date passes meanwhile shows this much late.
         */
        @WithDefault("PT10S")
        Duration reuseFor();

        /** How many distinct questions' answers are kept for reuse. */
        @WithDefault("20000")
        int reuseMax();
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
