package org.hotline.appraisal.hotspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The terms of a complaint's summary for topic clustering: Lucene's SmartChineseAnalyzer (the same word segmentation
 * as knowledge's search) with its stop words, single characters and a few words every complaint uses dropped.
 */
public final class TopicTerms {

    /** Words that say "this is a complaint", not what it is about. */
    private static final Set<String> GENERIC = Set.of("投诉", "反映", "问题", "群众", "市民", "来电", "希望", "要求",
            "请求", "尽快", "处理", "解决", "我们", "他们", "你们", "没有", "不能", "一直", "已经", "这个", "那个", "什么",
            "怎么", "为什么", "可以", "情况", "相关", "部门", "工作人员", "无法", "如何", "下来", "总是", "附近", "旁边",
            "现在", "还是", "但是", "因为", "所以", "如果", "直接");

    private static final Analyzer ANALYZER = new SmartChineseAnalyzer();

    private TopicTerms() {
    }

    /** Term frequencies of {@code text} (sorted, so the stored form is deterministic). */
    public static TreeMap<String, Integer> of(String text) {
        TreeMap<String, Integer> terms = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream ts = ANALYZER.tokenStream("summary", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (t.codePointCount(0, t.length()) >= 2 && !GENERIC.contains(t) && !t.chars().allMatch(Character::isDigit)) {
                    terms.merge(t, 1, Integer::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** The stored form: "term:count" separated by spaces. */
    public static String format(TreeMap<String, Integer> terms) {
        StringBuilder out = new StringBuilder();
        terms.forEach((t, n) -> out.append(out.isEmpty() ? "" : " ").append(t).append(':').append(n));
        return out.toString();
    }

    /** Parses {@link #format}. */
    public static TreeMap<String, Integer> parse(String stored) {
        TreeMap<String, Integer> terms = new TreeMap<>();
        if (stored != null && !stored.isBlank()) {
            for (String pair : stored.split(" ")) {
                int colon = pair.lastIndexOf(':');
                terms.put(pair.substring(0, colon), Integer.parseInt(pair.substring(colon + 1)));
            }
        }
        return terms;
    }
}
