package org.hotline.knowledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words the search reads questions with: synonyms ({@code knowledge/synonyms.txt}) and colloquial rewrites
 * ({@code knowledge/colloquial.txt}) shipped with the service, plus what editors add through the API, nationally
 * (tenant {@code *}) or for their own province. Each tenant's view is built once per change and cached.
 */
@ApplicationScoped
public class Vocabulary {

    /** Kinds of editor entries. */
    public enum Kind { SYNONYM, COLLOQUIAL, DOMAIN }

    /** One editor entry, a line in the format of the bundled files. */
    public record Entry(String tenant, Kind kind, String line) {
    }

    /** What one tenant's questions are read with. */
    public record TenantView(SynonymCatalogue synonyms, ColloquialRewrites rewrites, List<String> domainWords) {

        /** Whether {@code normalised} names anything of medical insurance (a word of the domain list appears in it). */
        public boolean inDomain(String normalised) {
            for (String w : domainWords) {
                if (normalised.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<String> bundledSynonyms = resourceLines("knowledge/synonyms.txt");
    private final List<String> bundledColloquial = resourceLines("knowledge/colloquial.txt");
    private final List<String> bundledDomain = resourceLines("knowledge/domain.txt");
    private final TopicCatalogue topics = TopicCatalogue.bundled();
    private final Map<String, TenantView> views = new ConcurrentHashMap<>();
    private volatile List<Entry> entries = List.of();
    private volatile long generation;

    /** The view for questions about a region of {@code tenant} ({@code *} for national only). */
    public TenantView forTenant(String tenant) {
        return views.computeIfAbsent(tenant == null ? "*" : tenant, this::build);
    }

    /** Topics a one-line question may name. */
    public TopicCatalogue topics() {
        return topics;
    }

    /** Replaces the editors' entries (after a change or at start-up). */
    public void replaceEntries(List<Entry> all) {
        entries = List.copyOf(all);
        views.clear();
        generation++;
    }

    /** Increases whenever editors' entries change, so dependent caches know to rebuild. */
    public long generation() {
        return generation;
    }

    private TenantView build(String tenant) {
        List<String> synonyms = new ArrayList<>(bundledSynonyms);
        List<String> colloquial = new ArrayList<>(bundledColloquial);
        List<String> domain = new ArrayList<>(bundledDomain);
        for (Entry e : entries) {
            if ("*".equals(e.tenant()) || e.tenant().equals(tenant)) {
                switch (e.kind()) {
                    case SYNONYM -> synonyms.add(e.line());
                    case COLLOQUIAL -> colloquial.add(e.line());
                    case DOMAIN -> domain.add(e.line().strip());
                }
            }
        }
        return new TenantView(SynonymCatalogue.of(synonyms), ColloquialRewrites.of(colloquial), List.copyOf(domain));
    }

    static List<String> resourceLines(String resource) {
        try (InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
