package org.hotline.knowledge.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.config.KnowledgeConfig;
import org.hotline.knowledge.repository.DirectoryContactRepository.Contact;

/** Answers citizens' questions for a region and date, and searches the knowledge base for agents. */
@ApplicationScoped
public class PolicyAnswers {

    private static final int MAX_RESULTS = 50;

    private final ArticleIndex index;
    private final AgencyContacts contacts;
    private final GapTally gaps;
    private final KnowledgeConfig config;
    private final MeterRegistry metrics;
    private final AskCounts asks;
    private final WithheldNumbers withheld;
    private final SearchThreads searchThreads;
    private final RecentAnswers recent;
    /** One counter per tenant, found and mode, looked up once: building a meter id on every answer shows in profiles. */
    private final java.util.concurrent.ConcurrentMap<String, io.micrometer.core.instrument.Counter> answerCounters =
            new java.util.concurrent.ConcurrentHashMap<>();

    public PolicyAnswers(ArticleIndex index, AgencyContacts contacts, GapTally gaps,
            KnowledgeConfig config, MeterRegistry metrics, AskCounts asks, WithheldNumbers withheld,
            SearchThreads searchThreads, RecentAnswers recent) {
        this.index = index;
        this.recent = recent;
        this.searchThreads = searchThreads;
        this.asks = asks;
        this.withheld = withheld;
        this.contacts = contacts;
        this.gaps = gaps;
        this.config = config;
        this.metrics = metrics;
    }

    /** The outcome of a question. */
    public record Answer(boolean found, double confidence, RankedArticle best, List<RankedArticle> alternatives,
            List<Contact> contacts, UUID gapId, String normalisedQuestion, AnswerComposer.Mode mode,
            String clarifyingQuestion) {
    }

    /** Ranked search results; {@code total} counts results up to the first {@value #MAX_RESULTS}. */
    public record SearchResult(List<RankedArticle> items, int total, String normalisedQuery) {
    }

    /** The best article in force for {@code question} in {@code region} at {@code at}, with alternatives. */
    public Uni<Answer> answer(String question, String region, String at, double minConfidence, String channel) {
        String text = QuestionText.clean("question", question);
        RegionScope scope = RegionScope.of("region", region);
        Instant when = QuestionText.at("at", at);
        if (minConfidence < 0 || minConfidence > 1 || Double.isNaN(minConfidence)) {
            throw ProblemException.invalidField("minConfidence", "must be between 0 and 1");
        }
        double threshold = minConfidence > 0 ? minConfidence : config.answers().minConfidence();
        String via = channel == null || channel.isBlank() ? "unknown"
                : channel.strip().toLowerCase().replaceAll("[^a-z0-9-]", "");
        String channelName = via.isEmpty() ? "unknown" : via.substring(0, Math.min(20, via.length()));
        if (!index.ready()) {
            return Uni.createFrom().failure(notReady());
        }
        // Lucene blocks: run it on a search thread and come back to the caller's Vert.x context.
        Callable<AnswerComposer.Composition> compose = () -> AnswerComposer.compose(index, text, scope, when,
                threshold, config.answers().alternatives(), asks::of);
        // An answer for "now" may be one composed seconds ago for the same words and region; one for a given date is
        // rare (evaluators checking a past call) and always composed.
        return (at == null || at.isBlank() ? recent.answer(text, scope, threshold, compose) : searchThreads.run(compose))
                .flatMap(c -> {
                    List<Contact> live = contacts.of(scope.chain());
                    answerCounter(scope.tenant(), c.found(), c.mode()).increment();
                    if (c.found()) {
                        asks.asked(c.best().article().questionKey());
                        return Uni.createFrom().item(new Answer(true, c.confidence(), masked(c.best()),
                                masked(c.alternatives()), live, null, c.normalised(), c.mode(),
                                withheld.mask(c.clarifyingQuestion())));
                    }
                    RankedArticle best = masked(c.best());
                    return gaps.asked(text, scope.regionCode(), scope.tenant(), channelName,
                                    best == null ? null : best.article().id(), c.confidence())
                            .map(gapId -> new Answer(false, c.confidence(), best, masked(c.alternatives()), live, gapId,
                                    c.normalised(), c.mode(), null));
                });
    }

    private io.micrometer.core.instrument.Counter answerCounter(String tenant, boolean found, AnswerComposer.Mode mode) {
        return answerCounters.computeIfAbsent(tenant + '/' + found + '/' + mode, k -> metrics.counter(
                "hotline_knowledge_answers_total", "tenant", tenant, "found", String.valueOf(found), "mode",
                mode.name().toLowerCase()));
    }

    /** A page of ranked articles for {@code query}. */
    public Uni<SearchResult> search(String query, String region, String at, int page, int size) {
        String text = QuestionText.clean("q", query);
        RegionScope scope = RegionScope.of("region", region);
        Instant when = QuestionText.at("at", at);
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > 50) {
            throw ProblemException.invalidField("size", "must be between 1 and 50");
        }
        if (!index.ready()) {
            return Uni.createFrom().failure(notReady());
        }
        return searchThreads.run(() -> {
            String normalised = index.questions().normalise(text, scope.tenant());
            List<RankedArticle> all = index.search(normalised, scope.chain(), when, MAX_RESULTS);
            int from = Math.min(all.size(), page * size);
            return new SearchResult(masked(all.subList(from, Math.min(all.size(), from + size))), all.size(),
                    normalised);
        });
    }

    private List<RankedArticle> masked(List<RankedArticle> list) {
        return withheld.any() ? list.stream().map(this::masked).toList() : list;
    }

    /** The article with numbers withheld as dead replaced in its text: the IVR must never read one out. */
    private RankedArticle masked(RankedArticle r) {
        if (r == null || !withheld.any()) {
            return r;
        }
        ArticleSnapshot.PublishedVersion v = r.version();
        String answer = withheld.mask(v.answer());
        String title = withheld.mask(v.title());
        if (answer.equals(v.answer()) && title.equals(v.title())) {
            return r;
        }
        ArticleSnapshot.PublishedVersion copy = new ArticleSnapshot.PublishedVersion(v.version(), title,
                v.questionVariants(), answer, v.topic(), v.service(), v.effectiveFrom(), v.effectiveTo(),
                v.citationName(), v.citationNumber(), v.citationUrl());
        return new RankedArticle(r.article(), copy, r.score(), r.confidence(), withheld.mask(r.highlight()),
                r.headCoverage());
    }

    private static ProblemException notReady() {
        return ProblemException.unavailable("index-not-ready",
                "The knowledge index is still being built; retry in a few seconds.");
    }
}
