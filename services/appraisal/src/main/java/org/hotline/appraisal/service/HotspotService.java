package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hotline.appraisal.config.AppraisalConfig;
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

    public HotspotService(HotspotQueries queries, AppraisalConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** Hotspots of complaints received in [from, to), of one kind or all (null), for one tenant or all (null). */
    public Uni<Hotspots> hotspots(String tenant, Instant from, Instant to, Kind kind, Instant asOf) {
        if (java.time.Duration.between(from, to).compareTo(config.hotspots().maxRange()) > 0) {
            throw ProblemException.invalidField("to", "the range is at most " + config.hotspots().maxRange().toDays()
                    + " days.");
        }
        HotspotDetector detector = new HotspotDetector(config.hotspots().window(), config.hotspots().minCases(),
                config.hotspots().topicSimilarity());
        return queries.complaints(tenant, from, to, MAX_CASES + 1).map(rows -> {
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
            List<HotspotView> items = new ArrayList<>();
            Instant openSince = asOf.minus(config.hotspots().window());
            byTenant.forEach((t, cases) -> {
                for (Kind k : kind == null ? EnumSet.allOf(Kind.class) : EnumSet.of(kind)) {
                    for (HotspotDetector.Hotspot h : detector.detect(t, k, cases)) {
                        items.add(new HotspotView(h.id().toString(), k.name(), h.label(), t, h.regionCode(),
                                h.cases().size(), h.windowStart().toString(), h.windowEnd().toString(),
                                h.windowEnd().isAfter(openSince) ? "OPEN" : "CLOSED",
                                h.cases().stream().map(c -> c.workOrderId().toString()).toList()));
                    }
                }
            });
            return new Hotspots(tenant == null ? "*" : tenant, from.toString(), to.toString(), asOf.toString(),
                    config.hotspots().window().toDays(), config.hotspots().minCases(), items, items.size());
        });
    }

    private static Instant instant(Object o) {
        return Instant.parse(KpiService.instant(o));
    }
}
