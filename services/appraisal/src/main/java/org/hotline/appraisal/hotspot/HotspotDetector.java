package org.hotline.appraisal.hotspot;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Finds hotspots among complaints: the same address, the same housing estate, or one topic (leader-follower
 * clustering by cosine of the summaries' Chinese terms), with at least {@code minCases} complaints inside a sliding
 * window of {@code window}. Overlapping hot windows of one key are one hotspot. A pure function of its input (cases
 * ordered by time, then id), so the same facts always give the same hotspots, ids included.
 */
public final class HotspotDetector {

    /** Kinds of hotspot. */
    public enum Kind { ADDRESS, ESTATE, TOPIC }

    /** One complaint as the detector sees it. */
    public record Case(UUID workOrderId, Instant receivedAt, String regionCode, String addressKey, String address,
            String estateKey, String estateLabel, Map<String, Integer> terms) {
    }

    /** A hotspot: its cases in time order. */
    public record Hotspot(UUID id, Kind kind, String label, String tenant, String regionCode, List<Case> cases) {

        public Instant windowStart() {
            return cases.get(0).receivedAt();
        }

        public Instant windowEnd() {
            return cases.get(cases.size() - 1).receivedAt();
        }
    }

    private final Duration window;
    private final int minCases;
    private final double similarity;

    public HotspotDetector(Duration window, int minCases, double similarity) {
        this.window = window;
        this.minCases = minCases;
        this.similarity = similarity;
    }

    /** The hotspots of one tenant's complaints of the given kind ({@code cases} in any order). */
    public List<Hotspot> detect(String tenant, Kind kind, List<Case> cases) {
        List<Case> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparing(Case::receivedAt).thenComparing(Case::workOrderId));
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        for (Case c : sorted) {
            switch (kind) {
                case ADDRESS -> {
                    if (c.addressKey() != null) {
                        groups.computeIfAbsent(c.regionCode() + "|" + c.addressKey(), k -> new ArrayList<>()).add(c);
                    }
                }
                case ESTATE -> {
                    if (c.estateKey() != null) {
                        groups.computeIfAbsent(c.regionCode() + "|" + c.estateKey(), k -> new ArrayList<>()).add(c);
                    }
                }
                case TOPIC -> {
                    // filled below
                }
            }
        }
        if (kind == Kind.TOPIC) {
            groups = topics(sorted);
        }
        List<Hotspot> out = new ArrayList<>();
        for (Map.Entry<String, List<Case>> g : groups.entrySet()) {
            for (List<Case> hot : hotRuns(g.getValue())) {
                out.add(new Hotspot(id(tenant, kind, g.getKey(), hot.get(0)), kind, label(kind, hot), tenant,
                        region(tenant, hot), hot));
            }
        }
        out.sort(Comparator.comparing((Hotspot h) -> -h.cases().size()).thenComparing(Hotspot::windowStart)
                .thenComparing(Hotspot::id));
        return out;
    }

    /** Leader-follower: each case joins the topic whose term centroid is most similar (cosine ≥ threshold). */
    private Map<String, List<Case>> topics(List<Case> sorted) {
        List<Map<String, Integer>> centroids = new ArrayList<>();
        List<List<Case>> members = new ArrayList<>();
        for (Case c : sorted) {
            if (c.terms() == null || c.terms().isEmpty()) {
                continue;
            }
            int best = -1;
            double bestScore = 0;
            for (int i = 0; i < centroids.size(); i++) {
                double score = cosine(c.terms().keySet(), centroids.get(i));
                if (score >= similarity && score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0) {
                centroids.add(new HashMap<>());
                members.add(new ArrayList<>());
                best = centroids.size() - 1;
            }
            Map<String, Integer> centroid = centroids.get(best);
            c.terms().keySet().forEach(t -> centroid.merge(t, 1, Integer::sum));
            members.get(best).add(c);
        }
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        for (List<Case> m : members) {
            groups.put(m.get(0).workOrderId().toString(), m);
        }
        return groups;
    }

    /** Cosine of a term set (binary weights) and a centroid (how many members used each term). */
    static double cosine(java.util.Set<String> terms, Map<String, Integer> centroid) {
        if (terms.isEmpty() || centroid.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (String t : terms) {
            dot += centroid.getOrDefault(t, 0);
        }
        double norm = 0;
        for (int n : centroid.values()) {
            norm += (double) n * n;
        }
        return dot / (Math.sqrt(terms.size()) * Math.sqrt(norm));
    }

    /** The unions of overlapping windows [t_i, t_i + window) holding at least minCases cases. */
    private List<List<Case>> hotRuns(List<Case> cases) {
        List<List<Case>> runs = new ArrayList<>();
        int runStart = -1;
        int runEnd = -1;
        int j = 0;
        for (int i = 0; i < cases.size(); i++) {
            Instant end = cases.get(i).receivedAt().plus(window);
            j = Math.max(j, i);
            while (j < cases.size() && cases.get(j).receivedAt().isBefore(end)) {
                j++;
            }
            if (j - i < minCases) {
                continue;
            }
            if (runStart >= 0 && i < runEnd) {
                runEnd = Math.max(runEnd, j);
            } else {
                if (runStart >= 0) {
                    runs.add(cases.subList(runStart, runEnd));
                }
                runStart = i;
                runEnd = j;
            }
        }
        if (runStart >= 0) {
            runs.add(cases.subList(runStart, runEnd));
        }
        return runs;
    }

    private static String label(Kind kind, List<Case> cases) {
        return switch (kind) {
            case ADDRESS -> mostFrequent(cases.stream().map(Case::address).toList());
            case ESTATE -> mostFrequent(cases.stream().map(Case::estateLabel).toList());
            case TOPIC -> {
                Map<String, Integer> counts = new TreeMap<>();
                cases.forEach(c -> c.terms().keySet().forEach(t -> counts.merge(t, 1, Integer::sum)));
                yield String.join(" ", counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(3).map(Map.Entry::getKey).toList());
            }
        };
    }

    /** The most frequent text (ties: the first in sorted order), trimmed. */
    private static String mostFrequent(List<String> values) {
        Map<String, Integer> counts = new TreeMap<>();
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> counts.merge(v.strip(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse("");
    }

    /** The cases' region when they share one, else the tenant's province (e.g. 370000). */
    private static String region(String tenant, List<Case> cases) {
        String first = cases.get(0).regionCode();
        boolean same = first != null && cases.stream().allMatch(c -> first.equals(c.regionCode()));
        return same ? first : tenant + "0000";
    }

    /** Stable id: the same hotspot (tenant, kind, key, first case) has the same id in every query and replay. */
    private static UUID id(String tenant, Kind kind, String key, Case first) {
        return UUID.nameUUIDFromBytes((tenant + "|" + kind + "|" + key + "|" + first.workOrderId())
                .getBytes(StandardCharsets.UTF_8));
    }
}
