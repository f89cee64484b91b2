package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
            String windowStart, String windowEnd, String status, List<String> workOrderIds, AlertStatus alert) {
    }

    /** The alert raised for a hotspot (null while none is): when, and who acknowledged it when. */
    public record AlertStatus(String id, String alertedAt, String acknowledgedAt, String acknowledgedBy) {
    }

    /** The answer: hotspots, biggest first, with the rule that found them. */
    public record Hotspots(String tenant, String from, String to, String asOf, long windowDays, int minCases,
            List<HotspotView> items, int total) {
    }

    /** One tenant's hotspots and the rules (its versioned KPI settings) that found them. */
    public record Detected(KpiSettings rules, List<HotspotDetector.Hotspot> hotspots) {

        /** Whether a hotspot may still grow at {@code asOf}: its last case is less than one window before. */
        public boolean open(HotspotDetector.Hotspot h, Instant asOf) {
            return h.windowEnd().isAfter(asOf.minus(Duration.ofDays(rules.hotspotWindowDays)));
        }
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
        return detect(tenant, from, to, kind).chain(found -> settings.current(tenant, null).chain(asked ->
                queries.alerts(tenant, from, to).map(alerts -> {
                    // An alert belongs to the hotspot it shares a case with (same tenant and kind): see HotspotAlerts.
                    Map<String, AlertStatus> byCase = new HashMap<>();
                    for (Object[] a : alerts) {
                        byCase.putIfAbsent(a[1] + "|" + a[2] + "|" + a[3], new AlertStatus(a[0].toString(),
                                KpiService.instant(a[4]), a[5] == null ? null : KpiService.instant(a[5]),
                                (String) a[6]));
                    }
                    List<HotspotView> items = new ArrayList<>();
                    found.forEach((t, d) -> {
                        for (HotspotDetector.Hotspot h : d.hotspots()) {
                            AlertStatus alert = h.cases().stream().map(c -> byCase.get(t + "|" + h.kind() + "|"
                                    + c.workOrderId())).filter(a -> a != null).findFirst().orElse(null);
                            items.add(new HotspotView(h.id().toString(), h.kind().name(), h.label(), t, h.regionCode(),
                                    h.cases().size(), h.windowStart().toString(), h.windowEnd().toString(),
                                    d.open(h, asOf) ? "OPEN" : "CLOSED",
                                    h.cases().stream().map(c -> c.workOrderId().toString()).toList(), alert));
                        }
                    });
                    return new Hotspots(tenant == null ? "*" : tenant, from.toString(), to.toString(),
                            asOf.toString(), asked.hotspotWindowDays, asked.hotspotMinCases, items, items.size());
                })));
    }

    /**
     * Each tenant's hotspots of one kind or all (null) among the complaints received in [from, to), by that tenant's
     * own rules (window, cases, similarity: versioned KPI settings); for one tenant or all (null).
     */
    public Uni<Map<String, Detected>> detect(String tenant, Instant from, Instant to, Kind kind) {
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
            Map<String, Detected> found = new TreeMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, List<Case>> e : byTenant.entrySet()) {
                chain = chain.chain(() -> settings.current(e.getKey(), null).invoke(s -> {
                    HotspotDetector detector = new HotspotDetector(Duration.ofDays(s.hotspotWindowDays),
                            s.hotspotMinCases, s.hotspotTopicSimilarity.doubleValue());
                    List<HotspotDetector.Hotspot> hotspots = new ArrayList<>();
                    for (Kind k : kind == null ? EnumSet.allOf(Kind.class) : EnumSet.of(kind)) {
                        hotspots.addAll(detector.detect(e.getKey(), k, e.getValue()));
                    }
                    found.put(e.getKey(), new Detected(s, hotspots));
                })).replaceWithVoid();
            }
            return chain.replaceWith(found);
        });
    }

    private static Instant instant(Object o) {
        return Instant.parse(KpiService.instant(o));
    }
}
