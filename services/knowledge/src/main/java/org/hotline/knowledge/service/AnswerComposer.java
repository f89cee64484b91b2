package org.hotline.knowledge.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Decides what a question gets: the question read in standard words, then either the best article (ANSWER), the most
 * asked article of the topic it names with the topic's other articles as choices and a clarifying question (CHOICES),
 * or nothing good enough (NOT_FOUND). Pure: the labelled-set test runs exactly this.
 */
public final class AnswerComposer {

    /** How an answer is meant. */
    public enum Mode { ANSWER, CHOICES, NOT_FOUND }

    /** The outcome before contacts and knowledge gaps are added. */
    public record Composition(String normalised, Mode mode, boolean found, double confidence, RankedArticle best,
            List<RankedArticle> alternatives, String clarifyingQuestion) {
    }

    /** Head coverage from which a question counts as the article's own, domain list or not. */
    private static final double FULL_COVERAGE = 0.999;

    private AnswerComposer() {
    }

    /**
     * Composes the answer to {@code question} (already validated) for the scope chain of a region.
     *
     * @param threshold confidence from which a worded question counts as answered
     * @param alternatives how many alternatives (or choices) to return
     * @param asks how often each question key was asked, to find a topic's most asked article
     */
    public static Composition compose(ArticleIndex index, String question, RegionScope scope, Instant at,
            double threshold, int alternatives, ToLongFunction<String> asks) {
        String tenant = scope.tenant();
        String normalised = index.questions().normalise(question, tenant);
        List<RankedArticle> ranked = index.search(normalised, scope.chain(), at, 1 + alternatives);
        TopicCatalogue.Topic topic = index.questions().topicOnly(normalised, tenant);
        if (topic != null) {
            List<ArticleSnapshot> articles = index.topicArticles(topic.name(), scope.chain(), at);
            if (!articles.isEmpty()) {
                return choices(index, topic, articles, ranked, normalised, at, threshold, alternatives, asks);
            }
        }
        RankedArticle best = ranked.isEmpty() ? null : ranked.get(0);
        double confidence = best == null ? 0 : best.confidence();
        // A question naming nothing of medical insurance is never answered, however many words it shares, unless an
        // article's own title and 同义问法 cover all of it (an editor's article on a subject the domain list lacks).
        boolean found = best != null && confidence >= threshold
                && (index.questions().inDomain(normalised, tenant) || best.headCoverage() >= FULL_COVERAGE);
        return new Composition(normalised, found ? Mode.ANSWER : Mode.NOT_FOUND, found, confidence, best,
                ranked.size() > 1 ? ranked.subList(1, ranked.size()) : List.of(), null);
    }

    private static Composition choices(ArticleIndex index, TopicCatalogue.Topic topic, List<ArticleSnapshot> articles,
            List<RankedArticle> ranked, String normalised, Instant at, double threshold, int alternatives,
            ToLongFunction<String> asks) {
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.putIfAbsent(ranked.get(i).article().questionKey(), i);
        }
        Map<String, Double> confidenceByKey = ranked.stream().collect(Collectors.toMap(
                r -> r.article().questionKey(), RankedArticle::confidence, Math::max));
        // Most asked first; without asks, the topic's prior head; then as the words rank them.
        List<ArticleSnapshot> ordered = new ArrayList<>(articles);
        ordered.sort(Comparator.comparingLong((ArticleSnapshot a) -> -asks.applyAsLong(a.questionKey()))
                .thenComparing(a -> a.questionKey().equals(topic.headKey()) ? 0 : 1)
                .thenComparing(a -> rank.getOrDefault(a.questionKey(), Integer.MAX_VALUE))
                .thenComparing(ArticleSnapshot::questionKey));
        ArticleSnapshot head = ordered.get(0);
        double confidence = Math.max(threshold, confidenceByKey.getOrDefault(head.questionKey(), 0.0));
        RankedArticle best = index.asRanked(head, at, Math.round(confidence * 1000) / 1000.0);
        List<RankedArticle> choices = new ArrayList<>();
        for (ArticleSnapshot a : ordered.subList(1, Math.min(ordered.size(), 1 + alternatives))) {
            choices.add(index.asRanked(a, at, confidenceByKey.getOrDefault(a.questionKey(), 0.0)));
        }
        if (choices.isEmpty()) {
            return new Composition(normalised, Mode.ANSWER, true, best.confidence(), best, List.of(), null);
        }
        StringBuilder clarify = new StringBuilder(topic.clarifyingQuestion());
        clarify.append(" 可选：1. ").append(best.version().title());
        for (int i = 0; i < choices.size(); i++) {
            clarify.append("；").append(i + 2).append(". ").append(choices.get(i).version().title());
        }
        return new Composition(normalised, Mode.CHOICES, true, best.confidence(), best, choices, clarify.toString());
    }
}
