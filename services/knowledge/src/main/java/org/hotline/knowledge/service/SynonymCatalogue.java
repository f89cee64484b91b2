package org.hotline.knowledge.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synonym list of the search (医保/医疗保险, 异地/外地, 报销/结算 ...), read from {@code knowledge/synonyms.txt}.
 * A line {@code a,b,c} makes the words equivalent; {@code x=>y} rewrites a colloquial word or typo one way.
 */
public final class SynonymCatalogue {

    private final Map<String, Set<String>> alternatives = new HashMap<>();
    private int longestWord;
    /** Analysed tokens of each alternative, computed once: the analyzer is the costly part of expanding a query. */
    private final Map<String, List<String>> tokenCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The catalogue shipped with the service. */
    public static SynonymCatalogue bundled() {
        try (InputStream in = SynonymCatalogue.class.getClassLoader().getResourceAsStream("knowledge/synonyms.txt")) {
            if (in == null) {
                throw new IllegalStateException("knowledge/synonyms.txt is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SynonymCatalogue parse(BufferedReader reader) throws IOException {
        return of(reader.lines().toList());
    }

    /** A catalogue of {@code lines} in the file's format (bundled lines first, then editors' additions). */
    public static SynonymCatalogue of(List<String> lines) {
        SynonymCatalogue catalogue = new SynonymCatalogue();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow > 0) {
                for (String from : line.substring(0, arrow).split("[,，]")) {
                    for (String to : line.substring(arrow + 2).split("[,，]")) {
                        catalogue.link(from.strip(), to.strip());
                    }
                }
            } else {
                String[] words = line.split("[,，]");
                for (String a : words) {
                    for (String b : words) {
                        if (!a.equals(b)) {
                            catalogue.link(a.strip(), b.strip());
                        }
                    }
                }
            }
        }
        return catalogue;
    }

    private void link(String from, String to) {
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        alternatives.computeIfAbsent(from.toLowerCase(), k -> new LinkedHashSet<>()).add(to.toLowerCase());
        longestWord = Math.max(longestWord, from.length());
    }

    /** Words that may stand for {@code word}; empty when it has none. */
    public Set<String> alternativesOf(String word) {
        return alternatives.getOrDefault(word, Set.of());
    }

    /**
     * Every word some word may stand for (typos and one-way colloquial sources excluded): vocabulary the homophone
     * correction may aim at.
     */
    public Set<String> allWords() {
        Set<String> out = new java.util.HashSet<>();
        alternatives.values().forEach(out::addAll);
        return out;
    }

    /** The tokens of {@code alternative}, analysed once by {@code analyse} and cached. */
    public List<String> tokensOf(String alternative, java.util.function.Function<String, List<String>> analyse) {
        return tokenCache.computeIfAbsent(alternative, analyse);
    }

    /** Length in characters of the longest word with alternatives, to bound the search for multi-token words. */
    public int longestWord() {
        return longestWord;
    }
}
