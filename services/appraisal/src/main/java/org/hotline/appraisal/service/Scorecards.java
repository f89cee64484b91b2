package org.hotline.appraisal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.rest.KpiSettingsResource.GradeBand;

/**
 * Weighted scorecards per unit, region or tenant: each KPI as a percentage, the composite Σ w·v / Σ w over the KPIs
 * that have data, the grade of the tenant's bands, and the rank. Weights and bands are per tenant and versioned.
 */
@ApplicationScoped
public class Scorecards {

    /** KPIs a scorecard may weigh. */
    public static final List<String> KPIS = List.of("onTimeRate", "resolutionRate", "attitude", "answerRate",
            "serviceLevel", "satisfactionScore", "answerAccuracy");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KpiService kpis;

    public Scorecards(KpiService kpis) {
        this.kpis = kpis;
    }

    /**
     * One ranked row; KPI values in percent (attitude: mean score / 5; satisfactionScore: the survey's mean on its
     * 100-point scale; answerAccuracy: accurate / reviewed), null without data.
     */
    public record ScorecardRow(int rank, String key, Double onTimeRate, Double resolutionRate, Double attitude,
            Double answerRate, Double serviceLevel, Double satisfactionScore, Double answerAccuracy, Double composite,
            String grade) {
    }

    /** The scorecard with the settings version it used. */
    public record Scorecard(String tenant, String from, String to, String by, int settingsVersion,
            Map<String, Double> weights, List<GradeBand> bands, List<ScorecardRow> rows) {
    }

    public Uni<Scorecard> compute(String tenant, Instant from, Instant to, String by, Instant asOf, Integer version) {
        Uni<KpiService.Figures<KpiService.CallRow>> calls = "UNIT".equals(by)
                ? Uni.createFrom().nullItem()
                : kpis.calls(tenant, from, to, Period.ALL, by, version);
        return kpis.workOrders(tenant, from, to, Period.ALL, by, asOf, version).chain(orders -> calls.chain(callFigures ->
                kpis.settingsOf(tenant, version).map(settings -> {
                    Map<String, Double> weights = weights(settings);
                    List<GradeBand> bands = bands(settings);
                    Map<String, Double[]> values = new TreeMap<>();
                    for (KpiService.WorkOrderRow r : orders.rows()) {
                        Double[] v = values.computeIfAbsent(r.key(), k -> new Double[KPIS.size()]);
                        v[0] = pct(r.onTimeRate());
                        v[1] = pct(r.resolutionRate());
                        v[2] = r.attitudeScore() == null ? null : round(r.attitudeScore() / 5 * 100);
                    }
                    if (callFigures != null) {
                        for (KpiService.CallRow r : callFigures.rows()) {
                            Double[] v = values.computeIfAbsent(r.key(), k -> new Double[KPIS.size()]);
                            v[3] = pct(r.answerRate());
                            v[4] = pct(r.serviceLevel());
                            v[5] = r.satisfactionScore() == null ? null : round(r.satisfactionScore());
                            v[6] = pct(r.answerAccuracy());
                        }
                    }
                    List<ScorecardRow> rows = new ArrayList<>();
                    values.forEach((key, v) -> {
                        double sum = 0;
                        double w = 0;
                        for (int i = 0; i < KPIS.size(); i++) {
                            Double weight = weights.get(KPIS.get(i));
                            if (v[i] != null && weight != null && weight > 0) {
                                sum += weight * v[i];
                                w += weight;
                            }
                        }
                        Double composite = w == 0 ? null : round(sum / w);
                        rows.add(new ScorecardRow(0, key, v[0], v[1], v[2], v[3], v[4], v[5], v[6], composite,
                                grade(composite, bands)));
                    });
                    rows.sort(Comparator.comparing((ScorecardRow r) -> r.composite() == null ? -1 : r.composite())
                            .reversed().thenComparing(ScorecardRow::key));
                    List<ScorecardRow> ranked = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        ScorecardRow r = rows.get(i);
                        int rank = i > 0 && java.util.Objects.equals(r.composite(), rows.get(i - 1).composite())
                                ? ranked.get(i - 1).rank() : i + 1;
                        ranked.add(new ScorecardRow(rank, r.key(), r.onTimeRate(), r.resolutionRate(), r.attitude(),
                                r.answerRate(), r.serviceLevel(), r.satisfactionScore(), r.answerAccuracy(),
                                r.composite(), r.grade()));
                    }
                    return new Scorecard(tenant == null ? "*" : tenant, from.toString(), to.toString(), by,
                            settings.version, weights, bands, ranked);
                })));
    }

    static String grade(Double composite, List<GradeBand> bands) {
        if (composite == null) {
            return null;
        }
        return bands.stream().sorted(Comparator.comparingDouble(GradeBand::min).reversed())
                .filter(b -> composite >= b.min()).map(GradeBand::grade).findFirst().orElse(null);
    }

    private static Double pct(Double ratio) {
        return ratio == null ? null : round(ratio * 100);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The weights of a settings version. */
    public static Map<String, Double> weights(KpiSettings s) {
        try {
            return new LinkedHashMap<>(JSON.readValue(s.scorecardWeights != null ? s.scorecardWeights
                    : KpiSettings.DEFAULT_WEIGHTS, new TypeReference<Map<String, Double>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grade bands of a settings version. */
    public static List<GradeBand> bands(KpiSettings s) {
        try {
            return JSON.readValue(s.gradeBands != null ? s.gradeBands : KpiSettings.DEFAULT_BANDS,
                    new TypeReference<List<GradeBand>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serialises weights or bands for storage. */
    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
