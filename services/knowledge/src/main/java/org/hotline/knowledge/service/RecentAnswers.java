package org.hotline.knowledge.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.Callable;
import org.hotline.knowledge.config.KnowledgeConfig;

/**
 * Answers composed in the last few seconds for questions asked for "now", reused for the same words in the same
 * region: in a surge thousands of callers ask the same few questions, and each search costs about a millisecond of CPU.
 */
@ApplicationScoped
public class RecentAnswers {

    /** What an answer depends on besides the clock: the index and vocabulary as they were, the words, the region. */
    private record Question(String generation, String text, List<String> scopes, double threshold) {
    }

    private final Cache<Question, AnswerComposer.Composition> recent;
    private final ArticleIndex index;
    private final SearchThreads searchThreads;

    public RecentAnswers(ArticleIndex index, SearchThreads searchThreads, KnowledgeConfig config,
            MeterRegistry metrics) {
        this.index = index;
        this.searchThreads = searchThreads;
        long nanos = config.answers().reuseFor().toNanos();
        this.recent = nanos <= 0 ? null
                : Caffeine.newBuilder().maximumSize(Math.max(1, config.answers().reuseMax()))
                        .expireAfterWrite(java.time.Duration.ofNanos(nanos)).recordStats().build();
        if (recent != null) {
            // cache_gets_total{cache="knowledge_reused_answers",result="hit|miss"}: how much of the load reuse takes off search.
            CaffeineCacheMetrics.monitor(metrics, recent, "knowledge_reused_answers");
        }
    }

    /**
     * The answer composed by {@code compose} on a search thread, or one composed for the same question within the reuse period. The
     * generation is read before composing, so an answer composed while an article changes is filed under the old
     * generation and never served after the change.
     */
    public Uni<AnswerComposer.Composition> answer(String text, RegionScope scope, double threshold,
            Callable<AnswerComposer.Composition> compose) {
        if (recent == null) {
            return searchThreads.run(compose);
        }
        Question question = new Question(index.generation(), text, scope.chain(), threshold);
        AnswerComposer.Composition known = recent.getIfPresent(question);
        if (known != null) {
            // Served on the caller's thread: no search, no hop to a search thread.
            return Uni.createFrom().item(known);
        }
        return searchThreads.run(() -> {
            AnswerComposer.Composition fresh = compose.call();
            recent.put(question, fresh);
            return fresh;
        });
    }
}
