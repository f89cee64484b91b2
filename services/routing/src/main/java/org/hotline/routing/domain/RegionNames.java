package org.hotline.routing.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the GB/T 2260 region an address names ("山东省淄博市张店区华光路" -> 370303 张店区): longest matches of province,
 * city and county names, full ("淄博市") or short ("淄博", "广西") where the short form names exactly one region, and
 * the region whose ancestors the address also names wins. Pure and immutable, built once from the directory.
 */
public final class RegionNames {

    /** Suffixes dropped to form short names, longest first ("新疆维吾尔自治区" -> "新疆", "恩施土家族苗族自治州" -> "恩施"). */
    private static final String[] SUFFIXES = { "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州",
            "自治县", "自治旗", "林区", "地区", "省", "市", "盟", "区", "县", "旗" };
    /** Names in older sources (the geocoder's data, addresses people still write) and today's region. */
    private static final Map<String, String> FORMER = Map.of("襄樊", "420600", "株州", "430200");
    private static final int MAX_NAME = 16;

    /** A name found in the text: where, and the regions it may mean. */
    private record Hit(int start, int end, List<Region> regions) {
    }

    private final Map<String, Region> byCode;
    private final Map<String, List<Region>> names = new HashMap<>();

    public RegionNames(Collection<Region> regions) {
        Map<String, Region> codes = new HashMap<>();
        Map<String, Set<Region>> shortNames = new HashMap<>();
        for (Region r : regions) {
            codes.put(r.code, r);
            names.computeIfAbsent(r.name, k -> new ArrayList<>()).add(r);
            String s = shortName(r.name);
            if (s != null) {
                shortNames.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(r);
            }
        }
        this.byCode = Map.copyOf(codes);
        // A short form is used only when it names one region and is no region's full name ("市中" names several).
        shortNames.forEach((s, rs) -> {
            if (rs.size() == 1 && !names.containsKey(s)) {
                names.put(s, List.copyOf(rs));
            }
        });
        FORMER.forEach((s, code) -> {
            Region r = codes.get(code);
            if (r != null && !names.containsKey(s)) {
                names.put(s, List.of(r));
            }
        });
    }

    private static String shortName(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    /** The most specific region the text names consistently, or null when it names none or only ambiguously. */
    public Region match(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Hit> hits = hits(text);
        if (hits.isEmpty()) {
            return null;
        }
        // Score each candidate by how many hits fall on it or its ancestors; ties go to the deeper region, then to
        // the earlier hit (addresses run from the province down).
        Region best = null;
        int bestScore = -1;
        int bestDepth = -1;
        int bestStart = Integer.MAX_VALUE;
        boolean ambiguous = false;
        for (Hit hit : hits) {
            for (Region candidate : hit.regions()) {
                Set<String> lineage = lineage(candidate);
                int score = 0;
                for (Hit other : hits) {
                    if (other.regions().stream().anyMatch(r -> lineage.contains(r.code))) {
                        score++;
                    }
                }
                int depth = lineage.size();
                boolean better = score > bestScore || score == bestScore && (depth > bestDepth
                        || depth == bestDepth && hit.start() < bestStart);
                boolean tie = score == bestScore && depth == bestDepth && hit.start() == bestStart;
                if (better) {
                    best = candidate;
                    bestScore = score;
                    bestDepth = depth;
                    bestStart = hit.start();
                    ambiguous = false;
                } else if (tie && !candidate.code.equals(best.code)) {
                    ambiguous = true;
                }
            }
        }
        return ambiguous ? null : best;
    }

    /** Non-overlapping longest names, left to right. */
    private List<Hit> hits(String text) {
        List<Hit> hits = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            Hit found = null;
            for (int end = Math.min(text.length(), i + MAX_NAME); end >= i + 2; end--) {
                List<Region> rs = names.get(text.substring(i, end));
                if (rs != null) {
                    found = new Hit(i, end, rs);
                    break;
                }
            }
            if (found != null) {
                hits.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return hits;
    }

    private Set<String> lineage(Region r) {
        Set<String> codes = new HashSet<>();
        for (Region x = r; x != null && codes.add(x.code); x = x.parentCode == null ? null : byCode.get(x.parentCode)) {
            // walk up to the province
        }
        return codes;
    }
}
