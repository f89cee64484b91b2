package org.hotline.knowledge.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Pinyin readings of Chinese characters (pinyin4j), read once into a table at class load so that questions cost an
 * array look-up per character, never a dictionary search.
 */
public final class PinyinReading {

    private static final char FIRST = '\u4e00';
    private static final char LAST = '\u9fa5';
    /** Toned readings per character (e.g. 长 -> chang2, zhang3); null for characters without a reading. */
    private static final String[][] TONED = new String[LAST - FIRST + 1][];
    /** The same readings without their tone digit (chang, zhang), so a question never strips tones itself. */
    private static final String[][] TONELESS = new String[LAST - FIRST + 1][];
    /** The blurred first reading of each character ({@link #fuzzy}). */
    private static final String[] FUZZY = new String[LAST - FIRST + 1];
    /** At most this many readings of a polyphonic character are considered. */
    private static final int MAX_READINGS = 2;

    static {
        HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
        format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        format.setToneType(HanyuPinyinToneType.WITH_TONE_NUMBER);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        for (char c = FIRST; c <= LAST; c++) {
            try {
                String[] all = PinyinHelper.toHanyuPinyinStringArray(c, format);
                if (all != null && all.length > 0) {
                    Set<String> distinct = new LinkedHashSet<>();
                    for (String r : all) {
                        if (distinct.size() < MAX_READINGS) {
                            distinct.add(r);
                        }
                    }
                    String[] toned = distinct.toArray(new String[0]);
                    String[] toneless = new String[toned.length];
                    for (int i = 0; i < toned.length; i++) {
                        toneless[i] = withoutTone(toned[i]);
                    }
                    TONED[c - FIRST] = toned;
                    TONELESS[c - FIRST] = toneless;
                    FUZZY[c - FIRST] = blur(toned[0]);
                }
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private PinyinReading() {
    }

    /** Whether {@code c} is a CJK ideograph with a reading. */
    public static boolean hasReading(char c) {
        return c >= FIRST && c <= LAST && TONED[c - FIRST] != null;
    }

    /** The toned readings of {@code c} (e.g. yi4), or an empty array. */
    public static String[] toned(char c) {
        return hasReading(c) ? TONED[c - FIRST] : new String[0];
    }

    /** The first reading without tone and with the distinctions many speakers blur (zh/z, ch/c, sh/s, n/l, -ng/-n). */
    public static String fuzzy(char c) {
        return hasReading(c) ? FUZZY[c - FIRST] : null;
    }

    private static String withoutTone(String toned) {
        int end = toned.length();
        while (end > 0 && Character.isDigit(toned.charAt(end - 1))) {
            end--;
        }
        return toned.substring(0, end);
    }

    static String blur(String toned) {
        String s = withoutTone(toned);
        if (s.startsWith("zh") || s.startsWith("ch") || s.startsWith("sh")) {
            s = s.charAt(0) + s.substring(2);
        }
        if (s.startsWith("l")) {
            s = "n" + s.substring(1);
        }
        if (s.endsWith("ng") && s.length() > 2 && s.charAt(s.length() - 3) != 'o') {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * Keys of a word's reading, one per combination of its characters' readings (at most 8): toned ({@code yi4-di4})
     * or without tones ({@code yi-di}). Empty when a character has no reading.
     */
    public static List<String> keys(String word, boolean withTones) {
        List<String> out = new ArrayList<>();
        out.add("");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!hasReading(c)) {
                return List.of();
            }
            String[] readings = withTones ? TONED[c - FIRST] : TONELESS[c - FIRST];
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String syllable : readings) {
                    String key = prefix.isEmpty() ? syllable : prefix + "-" + syllable;
                    if (!next.contains(key) && next.size() < 8) {
                        next.add(key);
                    }
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The blurred pinyin of each adjacent pair of ideographs in {@code text} ({@code yi_di}), for the pinyin field
     * of the index: pairs meet however the characters are segmented into words.
     */
    public static List<String> pairs(String text) {
        List<String> out = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < text.length(); i++) {
            String current = fuzzy(text.charAt(i));
            if (previous != null && current != null) {
                out.add(previous + "_" + current);
            }
            previous = current;
        }
        return out;
    }
}
