package org.hotline.knowledge.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;

/**
 * The highlighted snippet of an answer: the 120-character part of the text holding most of the question's words,
 * HTML-escaped, each word in {@code <em>}. Matching the words as text (they are whole SmartChineseAnalyzer tokens or
 * their synonyms) gives what Lucene's {@code Highlighter} gave, without analysing every answer again per query.
 */
final class Snippet {

    static final int LENGTH = 120;
    private static final SimpleHTMLEncoder HTML = new SimpleHTMLEncoder();

    private Snippet() {
    }

    /** The words to mark: every word of every alternative, longest first so that 医疗保险 wins over 医疗. */
    static List<String> wordsOf(List<List<List<String>>> groups) {
        Set<String> words = new LinkedHashSet<>();
        for (List<List<String>> group : groups) {
            for (List<String> alternative : group) {
                words.addAll(alternative);
            }
        }
        return words.stream().filter(w -> !w.isBlank()).sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** The beginning of {@code text}, escaped: what a result shows when none of the words occurs. */
    static String plain(String text) {
        return HTML.encodeText(text.length() > LENGTH ? text.substring(0, LENGTH) + "…" : text);
    }

    /** The best part of {@code text} with {@code words} marked, or {@link #plain} when none occurs. */
    static String of(String text, Collection<String> words) {
        if (words.isEmpty()) {
            return plain(text);
        }
        int bestStart = -1;
        int bestScore = 0;
        for (int start = 0; start < text.length(); start += LENGTH) {
            int score = distinctWordsIn(text, start, Math.min(text.length(), start + LENGTH), words);
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
            }
        }
        if (bestStart < 0) {
            return plain(text);
        }
        int end = Math.min(text.length(), bestStart + LENGTH);
        StringBuilder out = new StringBuilder(LENGTH + 40);
        int plainFrom = bestStart;
        for (int i = bestStart; i < end; ) {
            String word = wordAt(text, i, end, words);
            if (word == null) {
                i++;
                continue;
            }
            out.append(HTML.encodeText(text.substring(plainFrom, i))).append("<em>")
                    .append(HTML.encodeText(word)).append("</em>");
            i += word.length();
            plainFrom = i;
        }
        return out.append(HTML.encodeText(text.substring(plainFrom, end))).toString();
    }

    private static int distinctWordsIn(String text, int from, int to, Collection<String> words) {
        int n = 0;
        for (String w : words) {
            int at = text.indexOf(w, from);
            if (at >= 0 && at + w.length() <= to) {
                n++;
            }
        }
        return n;
    }

    private static String wordAt(String text, int at, int end, Collection<String> words) {
        for (String w : words) {
            if (at + w.length() <= end && text.startsWith(w, at)) {
                return w;
            }
        }
        return null;
    }
}
