package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hotline.appraisal.config.AppraisalConfig;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.appraisal.hotspot.HotspotDetector;
import org.hotline.appraisal.hotspot.HotspotDetector.Case;
import org.hotline.appraisal.hotspot.HotspotDetector.Kind;
import org.hotline.appraisal.hotspot.TopicTerms;
import org.hotline.appraisal.repository.HotspotQueries;
import org.hotline.common.problem.ProblemException;

/**
 * Hotspots (docs/appraisal.md): complaints about one address, housing estate or topic piling up in a sliding window,
 * computed from the complaint facts at read time (so a replay of routing's feed gives the same hotspots and ids).
 */
@ApplicationScoped
public class HotspotService {

    /** Most complaints one query looks at (a province's busiest quarter is far below). */
    static final int MAX_CASES = 50_000;

    /** One hotspot as the API shows it (the console's leaders' dashboard uses exactly this shape). */
    public record HotspotView(String id, String kind, String label, String tenant, String regionCode, int count,
            String windowStart, String windowEnd, String status, List<String> workOrderIds) {
    }

    /** The answer: hotspots, biggest first, with the rule that found them. */
    public record Hotspots(String tenant, String from, String to, String asOf, long windowDays, int minCases,
            List<HotspotView> items, int total) {
    }

    private final HotspotQueries queries;
    private final AppraisalConfig config;
    private final KpiSettingsService settings;

    public HotspotService(HotspotQueries queries, AppraisalConfig config, KpiSettingsService settings) {
        this.queries = queries;
        this.config = config;
        this.settings = settings;
    }

    /** Hotspots of complaints received in [from, to), of one kind or all (null), for one tenant or all (null). */
    public Uni<Hotspots> hotspots(String tenant, Instant from, Instant to, Kind kind, Instant asOf) {
        if (java.time.Duration.between(from, to).compareTo(config.hotspots().maxRange()) > 0) {
            throw ProblemException.invalidField("to", "the range is at most " + config.hotspots().maxRange().toDays()
                    + " days.");
        }
        return queries.complaints(tenant, from, to, MAX_CASES + 1).chain(rows -> {
            if (rows.size() > MAX_CASES) { // never a silently partial answer
                throw ProblemException.invalidField("from", "more than " + MAX_CASES
                        + " complaints in [from, to): ask for a shorter range or one tenant.");
            }
            Map<String, List<Case>> byTenant = new TreeMap<>();
            for (Object[] r : rows) {
                byTenant.computeIfAbsent((String) r[0], t -> new ArrayList<>()).add(new Case((UUID) r[1],
                        instant(r[2]), (String) r[3], (String) r[4] == null ? null : ((String) r[4]).strip(),
                        (String) r[5], (String) r[6], (String) r[7], TopicTerms.parse((String) r[8])));
            }
            // Each province's hotspots by its own rules (window, cases, similarity: versioned KPI settings).
            Map<String, KpiSettings> rules = new TreeMap<>();
            Uni<Void> loaded = settings.current(tenant, null).invoke(s -> rules.put("", s)).replaceWithVoid();
            for (String t : byTenant.keySet()) {
                loaded = loaded.chain(() -> settings.current(t, null).invoke(s -> rules.put(t, s))).replaceWithVoid();
            }
            return loaded.map(x -> {
                List<HotspotView> items = new ArrayList<>();
                byTenant.forEach((t, cases) -> {
                    KpiSettings s = rules.get(t);
                    Duration window = Duration.ofDays(s.hotspotWindowDays);
                    HotspotDetector detector = new HotspotDetector(window, s.hotspotMinCases,
                            s.hotspotTopicSimilarity.doubleValue());
                    Instant openSince = asOf.minus(window);
                    for (Kind k : kind == null ? EnumSet.allOf(Kind.class) : EnumSet.of(kind)) {
                        for (HotspotDetector.Hotspot h : detector.detect(t, k, cases)) {
                            items.add(new HotspotView(h.id().toString(), k.name(), h.label(), t, h.regionCode(),
                                    h.cases().size(), h.windowStart().toString(), h.windowEnd().toString(),
                                    h.windowEnd().isAfter(openSince) ? "OPEN" : "CLOSED",
                                    h.cases().stream().map(c -> c.workOrderId().toString()).toList()));
                        }
                    }
                });
                KpiSettings asked = rules.get("");
                return new Hotspots(tenant == null ? "*" : tenant, from.toString(), to.toString(), asOf.toString(),
                        asked.hotspotWindowDays, asked.hotspotMinCases, items, items.size());
            });
        });
    }

    private static Instant instant(Object o) {
        return Instant.parse(KpiService.instant(o));
    }
}
