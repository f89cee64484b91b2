package org.hotline.knowledge.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Corrects homophone typos of speech-to-text and pinyin input (意地 -> 异地, 被案 -> 备案) against the words of the
 * indexed articles: a run of 2-4 characters that is not itself a known word is replaced by a known word with the same
 * pinyin (same tones first, then without tones) that shares at least half of its characters. Known words are never
 * touched, so exact wording always wins.
 */
public final class HomophoneCorrection {

    private static final int SHORTEST = 2;
    private static final int LONGEST = 4;
    /**
     * Function characters a correction never replaces: 医保吗 is not 医保码, 的保险 is not 低保险. (被 is not among them:
     * 被案 for 备案 is the commonest speech-to-text slip.)
     */
    private static final String FUNCTION_CHARS = "吗的了呢吧啊么是在我你他她它和就都也还又这那哪个们着过得地把给让向从对为与及或";

    /**
     * Everyday words of questions that no article need contain but that a run must never cut into: 办什么 read as
     * 办事么 (办什 sounds like 办事) answered "what can 12393 do" with a complaints article.
     */
    private static final List<String> EVERYDAY_WORDS = List.of("什么", "为什么", "怎么", "怎样", "怎么样", "如何", "多少",
            "哪些", "哪里", "哪儿", "哪个", "多久", "可以", "能否", "是否", "需要", "能不能", "可不可以", "有没有", "是不是",
            "要不要", "现在", "时候", "自己", "还是", "或者", "因为", "所以", "但是", "一下");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, String> byToned = new ConcurrentHashMap<>();
    private final Map<String, String> byToneless = new ConcurrentHashMap<>();

    /** Adds a word of the knowledge base (words outside 2-4 ideographs are ignored). */
    public void learn(String word) {
        if (word.length() < SHORTEST || word.length() > LONGEST || !known.add(word)) {
            return;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!PinyinReading.hasReading(word.charAt(i))) {
                return;
            }
        }
        for (String key : PinyinReading.keys(word, true)) {
            byToned.putIfAbsent(key, word);
        }
        for (String key : PinyinReading.keys(word, false)) {
            byToneless.putIfAbsent(key, word);
        }
    }

    /** Number of known words. */
    public int size() {
        return known.size();
    }

    /** {@code text} with homophone typos replaced by known words. */
    public String correct(String text) {
        boolean[] everyday = everydayChars(text);
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            if (!PinyinReading.hasReading(text.charAt(i)) || everyday[i]) {
                if (out != null) {
                    out.append(text.charAt(i));
                }
                i++;
                continue;
            }
            int maxLen = Math.min(LONGEST, text.length() - i);
            int knownLen = 0;
            for (int len = maxLen; len >= SHORTEST; len--) {
                if (known.contains(text.substring(i, i + len))) {
                    knownLen = len;
                    break;
                }
            }
            String replacement = null;
            int replacedLen = 0;
            for (int len = maxLen; len > knownLen && len >= SHORTEST && replacement == null; len--) {
                if (touchesEveryday(everyday, i, len)) {
                    continue;
                }
                String run = text.substring(i, i + len);
                replacement = candidate(run, true);
                if (replacement == null) {
                    replacement = candidate(run, false);
                }
                replacedLen = len;
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(replacement);
                i += replacedLen;
            } else {
                int step = Math.max(1, knownLen);
                if (out != null) {
                    out.append(text, i, i + step);
                }
                i += step;
            }
        }
        return out == null ? text : out.toString();
    }

    /** Which characters of {@code text} belong to an everyday question word. */
    private static boolean[] everydayChars(String text) {
        boolean[] marked = new boolean[text.length()];
        for (String word : EVERYDAY_WORDS) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                java.util.Arrays.fill(marked, at, at + word.length(), true);
            }
        }
        return marked;
    }

    private static boolean touchesEveryday(boolean[] everyday, int from, int len) {
        for (int k = from; k < from + len; k++) {
            if (everyday[k]) {
                return true;
            }
        }
        return false;
    }

    private String candidate(String run, boolean withTones) {
        for (int i = 0; i < run.length(); i++) {
            if (!PinyinReading.hasReading(run.charAt(i))) {
                return null;
            }
        }
        List<String> keys = PinyinReading.keys(run, withTones);
        Map<String, String> table = withTones ? byToned : byToneless;
        for (String key : keys) {
            String word = table.get(key);
            if (word != null && !word.equals(run) && shared(word, run) * 2 >= run.length() && keepsFunctionChars(word, run)) {
                return word;
            }
        }
        return null;
    }

    private static boolean keepsFunctionChars(String word, String run) {
        for (int i = 0; i < run.length(); i++) {
            if (word.charAt(i) != run.charAt(i) && FUNCTION_CHARS.indexOf(run.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int shared(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) == b.charAt(i)) {
                n++;
            }
        }
        return n;
    }
}
