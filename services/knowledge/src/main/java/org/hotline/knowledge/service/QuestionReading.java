package org.hotline.knowledge.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.hotline.knowledge.service.Vocabulary.TenantView;

/**
 * How a caller's question is read before it is searched: colloquial wording rewritten and homophone typos corrected,
 * its words with their synonyms, whether it names anything of medical insurance, and whether it names only a topic.
 * Uses the tenants' vocabulary; the words of articles' titles are learnt as correction targets as they are indexed.
 */
public final class QuestionReading {

    /** Words that say "how do I / what about" without naming anything: a question of a topic and these is a fragment. */
    private static final Set<String> GENERIC = Set.of("怎么办", "办", "弄", "整", "搞", "办理", "手续", "流程", "政策",
            "问题", "规定", "事", "事情", "情况", "咨询", "了解", "相关", "方面", "知道", "问", "一下", "呢", "办法",
            "怎么", "什么", "呀", "嘛", "哈", "嗯", "那个", "这个");
    /** Function words of spoken questions that say nothing about the topic. */
    private static final Set<String> FILLERS = Set.of("我", "的", "了", "吗", "呢", "啊", "吧", "是", "在", "有", "能",
            "怎么", "怎样", "怎么样", "什么", "可以", "要", "会", "还", "就", "都", "这", "那", "个", "一", "和", "给",
            "被", "让", "请问", "你好", "您好", "请", "一下", "啥", "咋", "呀", "嘛", "哦", "你们", "我们", "他", "她",
            "想", "问", "问问", "能不能", "可不可以", "是不是", "不", "没", "也", "又", "得", "着", "过", "啦", "哪", "哪里",
            "多少", "如何", "吗?", "么", "该", "应该", "需要", "到", "从", "对", "把", "么样", "上", "下", "里");

    /** At most this many words of a question are searched: a pasted essay cannot blow Lucene's clause limit. */
    private static final int MAX_GROUPS = 40;

    private final SmartChineseAnalyzer words = new SmartChineseAnalyzer();
    private final HomophoneCorrection corrections = new HomophoneCorrection();
    private final Vocabulary vocabulary;

    QuestionReading(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        learnVocabulary();
    }

    /** Learns {@code word} as a correction target (an indexed title's or 同义问法's word). */
    void learn(String word) {
        corrections.learn(word);
    }

    /**
     * The question as groups of alternatives: each group is a word of the question (first alternative) and its
     * synonyms, each alternative a sequence of SmartChineseAnalyzer tokens. Runs of adjacent tokens are joined to
     * find synonyms of words the analyzer splits (报消 -> 报/消).
     */
    List<List<List<String>>> expand(String text, SynonymCatalogue synonyms) {
        List<String> tokens = questionWords(text);
        List<List<List<String>>> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size() && groups.size() < MAX_GROUPS; i++) {
            // Longest joined run first, so that 医疗保险 beats 医疗.
            StringBuilder joined = new StringBuilder();
            String matched = null;
            int matchedEnd = i;
            for (int j = i; j < tokens.size() && joined.length() < synonyms.longestWord(); j++) {
                joined.append(tokens.get(j));
                if (j > i && !synonyms.alternativesOf(joined.toString()).isEmpty()) {
                    matched = joined.toString();
                    matchedEnd = j;
                }
            }
            String word = matched != null ? matched : tokens.get(i);
            List<String> original = matched != null ? tokens.subList(i, matchedEnd + 1) : List.of(tokens.get(i));
            if (matched != null) {
                i = matchedEnd;
            }
            if (FILLERS.contains(word) && synonyms.alternativesOf(word).isEmpty() || !seen.add(word)) {
                continue;
            }
            Set<List<String>> alternatives = new LinkedHashSet<>();
            alternatives.add(List.copyOf(original));
            for (String alt : synonyms.alternativesOf(word)) {
                List<String> altTokens = synonyms.tokensOf(alt, x -> List.copyOf(tokens(words, "f", x)));
                if (!altTokens.isEmpty()) {
                    alternatives.add(altTokens);
                }
            }
            groups.add(new ArrayList<>(alternatives));
        }
        return groups;
    }

    /** Whether the (normalised) question names anything of medical insurance, for {@code tenant}'s vocabulary. */
    public boolean inDomain(String normalised, String tenant) {
        TenantView view = vocabulary.forTenant(tenant);
        if (view.inDomain(normalised)) {
            return true;
        }
        // Words that stand for a domain word count too (卡里的钱 -> 个人账户); single characters are too vague to.
        for (List<List<String>> group : expand(normalised, view.synonyms())) {
            String word = String.join("", group.get(0));
            if (word.length() > 1) {
                for (List<String> alternative : group) {
                    if (view.inDomain(String.join("", alternative))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The question as the search reads it: colloquial wording rewritten, then homophone typos corrected. */
    public String normalise(String question, String tenant) {
        return corrections.correct(vocabulary.forTenant(tenant).rewrites().rewrite(CallerNumbers.strip(question)));
    }

    /**
     * The topic a question names and nothing else (慢病怎么办 -> 慢特病), or null when it asks something more specific:
     * every word that is not a function word or a generic "how to" must name one and the same topic.
     */
    public TopicCatalogue.Topic topicOnly(String normalised, String tenant) {
        SynonymCatalogue synonyms = vocabulary.forTenant(tenant).synonyms();
        TopicCatalogue topics = vocabulary.topics();
        List<String> content = new ArrayList<>();
        for (String t : questionWords(normalised)) {
            if (!FILLERS.contains(t) && !GENERIC.contains(t)) {
                content.add(t);
            }
        }
        if (content.isEmpty() || content.size() > 4) {
            return null;
        }
        TopicCatalogue.Topic whole = topics.named(String.join("", content));
        if (whole != null) {
            return whole;
        }
        TopicCatalogue.Topic found = null;
        for (String word : content) {
            TopicCatalogue.Topic t = topics.named(word);
            if (t == null) {
                for (String alt : synonyms.alternativesOf(word)) {
                    t = topics.named(alt);
                    if (t != null) {
                        break;
                    }
                }
            }
            if (t == null || found != null && found != t) {
                return null;
            }
            found = t;
        }
        return found;
    }

    private void learnVocabulary() {
        TenantView national = vocabulary.forTenant("*");
        national.synonyms().allWords().forEach(corrections::learn);
        national.rewrites().standardForms().forEach(corrections::learn);
        for (TopicCatalogue.Topic t : vocabulary.topics().all()) {
            corrections.learn(t.name());
            t.names().forEach(corrections::learn);
        }
    }

    /** Teaches the correction words editors added (called when the vocabulary changes). */
    public void learnTenantVocabulary(String tenant) {
        TenantView view = vocabulary.forTenant(tenant);
        view.synonyms().allWords().forEach(corrections::learn);
        view.rewrites().standardForms().forEach(corrections::learn);
    }

    /**
     * The words of a (normalised) question. The analyzer is the same for every question, so its words are a pure
     * function of the text: kept for the questions seen recently, since an answer reads its question up to three
     * times (search, topic, domain) and callers ask the same questions again and again.
     */
    private List<String> questionWords(String text) {
        List<String> known = recentQuestions.get(text);
        if (known == null) {
            known = List.copyOf(tokens(words, "f", text));
            if (text.length() <= MAX_RECENT_QUESTION_LENGTH) {
                if (recentQuestions.size() >= MAX_RECENT_QUESTIONS) {
                    recentQuestions.clear();
                }
                recentQuestions.put(text, known);
            }
        }
        return known;
    }

    /** Bounds on the questions kept (a few megabytes at most; a pasted essay is not kept). */
    private static final int MAX_RECENT_QUESTIONS = 10_000;
    private static final int MAX_RECENT_QUESTION_LENGTH = 100;
    private final Map<String, List<String>> recentQuestions = new ConcurrentHashMap<>();

    static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
