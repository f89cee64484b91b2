package org.hotline.knowledge.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distinct words of an article as a sorted array of word numbers: a 100,000-article corpus keeps its word sets in
 * a few tens of megabytes (a {@code HashSet<String>} per article would need gigabytes), and membership is a binary
 * search. Word numbers come from one dictionary shared by every set, which only grows with the corpus's vocabulary.
 */
public final class WordSet {

    private static final ConcurrentHashMap<String, Integer> NUMBERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** The set of no words. */
    public static final WordSet EMPTY = new WordSet(new int[0]);

    private final int[] sorted;

    private WordSet(int[] sorted) {
        this.sorted = sorted;
    }

    /** The set of {@code words}. */
    public static WordSet of(Collection<String> words) {
        int[] ids = new int[words.size()];
        int n = 0;
        for (String w : words) {
            ids[n++] = NUMBERS.computeIfAbsent(w, k -> NEXT.getAndIncrement());
        }
        Arrays.sort(ids, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || ids[distinct - 1] != ids[i]) {
                ids[distinct++] = ids[i];
            }
        }
        return new WordSet(distinct == ids.length ? ids : Arrays.copyOf(ids, distinct));
    }

    /** Whether {@code word} is in the set. */
    public boolean contains(String word) {
        Integer id = NUMBERS.get(word);
        return id != null && Arrays.binarySearch(sorted, id) >= 0;
    }

    /** Whether every one of {@code words} is in the set. */
    public boolean containsAll(List<String> words) {
        for (String w : words) {
            if (!contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** How many distinct words the set holds. */
    public int size() {
        return sorted.length;
    }
}
