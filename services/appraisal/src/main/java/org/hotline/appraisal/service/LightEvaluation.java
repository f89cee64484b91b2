package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hotline.appraisal.config.AppraisalConfig;
import org.hotline.appraisal.domain.KpiSettings;

/**
 * Complaint lights: complaints (work orders of category FEEDBACK 问题反馈) per unit, category (subcategory) and
 * region in a sliding window, against the tenant's absolute thresholds and the scope's own baseline. Every state
 * change is a conditional statement whose row count decides who writes the notification, and a partial unique index
 * allows one open light per scope, so any number of replicas evaluating at once open, turn red, escalate and clear
 * each crossing exactly once.
 */
@ApplicationScoped
public class LightEvaluation {

    /** Scopes and the column of work_order_fact they count by. */
    static final Map<String, String> SCOPES = Map.of("UNIT", "unit_id", "CATEGORY", "subcategory",
            "REGION", "region_code");

    private final KpiSettingsService settings;
    private final AppraisalConfig config;

    public LightEvaluation(KpiSettingsService settings, AppraisalConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** What one evaluation did, for logs and tests. */
    public record Outcome(int opened, int turnedRed, int escalated, int cleared) {
    }

    /** Evaluates the lights of every tenant with complaints in its window or an open light, as of {@code now}. */
    public Uni<Outcome> evaluate(Instant now) {
        return tenants(now).chain(tenants -> {
            Uni<int[]> chain = Uni.createFrom().item(new int[4]);
            for (String tenant : tenants) {
                chain = chain.chain(total -> evaluateTenant(tenant, now).map(o -> {
                    total[0] += o.opened();
                    total[1] += o.turnedRed();
                    total[2] += o.escalated();
                    total[3] += o.cleared();
                    return total;
                }));
            }
            return chain.map(t -> new Outcome(t[0], t[1], t[2], t[3]));
        });
    }

    @WithTransaction
    Uni<List<String>> tenants(Instant now) {
        // Windows differ per tenant; 31 days covers the longest one allowed.
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT DISTINCT tenant FROM work_order_fact "
                        + "WHERE category = 'FEEDBACK' AND received_at >= :from AND received_at < :now UNION "
                        + "SELECT DISTINCT tenant FROM complaint_light WHERE cleared_at IS NULL", String.class)
                .setParameter("from", now.minus(Duration.ofDays(31))).setParameter("now", now).getResultList());
    }

    /** One tenant in one transaction. */
    @WithTransaction
    public Uni<Outcome> evaluateTenant(String tenant, Instant now) {
        return settings.current(tenant, null).chain(s -> Panache.getSession().chain(session ->
                counts(session, tenant, s, now).chain(current -> baselines(session, tenant, s, now)
                        .chain(history -> openLights(session, tenant).chain(open -> {
                            Uni<int[]> chain = Uni.createFrom().item(new int[4]);
                            for (Map.Entry<List<String>, Long> c : current.entrySet()) {
                                long count = c.getValue();
                                double baseline = history.getOrDefault(c.getKey(), Double.POSITIVE_INFINITY);
                                boolean yellow = count >= s.lightYellowCount
                                        || (count > baseline && count >= config.lights().baselineFloor());
                                boolean red = count >= s.lightRedCount;
                                Object[] light = open.remove(c.getKey());
                                double threshold = Math.min(s.lightYellowCount, baseline);
                                if (light == null && (yellow || red)) {
                                    chain = chain.chain(t -> open(session, tenant, c.getKey(), red, count, threshold,
                                            now, s).map(n -> add(t, 0, n)));
                                } else if (light != null && red && "YELLOW".equals(light[1])) {
                                    chain = chain.chain(t -> turnRed(session, (UUID) light[0], count, now, s)
                                            .map(n -> add(t, 1, n)));
                                } else if (light != null && !yellow && !red) {
                                    chain = chain.chain(t -> clear(session, (UUID) light[0], now, s)
                                            .map(n -> add(t, 3, n)));
                                }
                                if (light != null && (yellow || red)) {
                                    chain = chain.chain(t -> escalate(session, (UUID) light[0], now, s)
                                            .map(n -> add(t, 2, n)));
                                }
                            }
                            // Open lights whose scope has no complaint left in the window: counts fell to 0.
                            for (Object[] light : open.values()) {
                                chain = chain.chain(t -> clear(session, (UUID) light[0], now, s).map(n -> add(t, 3, n)));
                            }
                            return chain.map(t -> new Outcome(t[0], t[1], t[2], t[3]));
                        })))));
    }

    private static int[] add(int[] t, int i, int n) {
        t[i] += n;
        return t;
    }

    /** Complaints per scope and key in the window [now - window, now). */
    private Uni<Map<List<String>, Long>> counts(Mutiny.Session s, String tenant, KpiSettings k, Instant now) {
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, String> scope : SCOPES.entrySet()) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(scope.getKey()).append("', ")
                    .append(scope.getValue()).append(", count(*) FROM work_order_fact WHERE tenant = :tenant ")
                    .append("AND category = 'FEEDBACK' AND ").append(scope.getValue()).append(" IS NOT NULL ")
                    .append("AND received_at >= :from AND received_at < :now GROUP BY 2");
        }
        return s.createNativeQuery(sql.toString(), Object[].class).setParameter("tenant", tenant)
                .setParameter("from", now.minus(Duration.ofHours(k.lightWindowHours))).setParameter("now", now)
                .getResultList().map(rows -> {
                    Map<List<String>, Long> m = new HashMap<>();
                    rows.forEach(r -> m.put(List.of((String) r[0], (String) r[1]), ((Number) r[2]).longValue()));
                    return m;
                });
    }

    /** mean + k·sd of each scope's count in the same window of the previous N weeks (absent: no baseline). */
    private Uni<Map<List<String>, Double>> baselines(Mutiny.Session s, String tenant, KpiSettings k, Instant now) {
        int weeks = k.lightBaselineWeeks;
        if (weeks == 0) {
            return Uni.createFrom().item(new HashMap<>());
        }
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<String, String> scope : SCOPES.entrySet()) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(scope.getKey()).append("', ")
                    .append(scope.getValue()).append(", w, count(*) FROM work_order_fact, generate_series(1, :weeks) w ")
                    .append("WHERE tenant = :tenant AND category = 'FEEDBACK' AND ").append(scope.getValue())
                    // Typed parameters: PostgreSQL would otherwise take ":from - interval" for an interval.
                    .append(" IS NOT NULL AND received_at >= CAST(:from AS timestamptz) - w * interval '7 days' ")
                    .append("AND received_at < CAST(:now AS timestamptz) - w * interval '7 days' GROUP BY 2, 3");
        }
        return s.createNativeQuery(sql.toString(), Object[].class).setParameter("tenant", tenant)
                .setParameter("weeks", weeks).setParameter("from", now.minus(Duration.ofHours(k.lightWindowHours)))
                .setParameter("now", now).getResultList().map(rows -> {
                    Map<List<String>, double[]> perWeek = new HashMap<>();
                    rows.forEach(r -> perWeek.computeIfAbsent(List.of((String) r[0], (String) r[1]),
                            x -> new double[weeks])[((Number) r[2]).intValue() - 1] = ((Number) r[3]).doubleValue());
                    Map<List<String>, Double> m = new HashMap<>();
                    double sds = k.lightBaselineSd.doubleValue();
                    perWeek.forEach((key, counts) -> {
                        double mean = 0;
                        for (double c : counts) {
                            mean += c / weeks;
                        }
                        double var = 0;
                        for (double c : counts) {
                            var += (c - mean) * (c - mean) / weeks;
                        }
                        m.put(key, mean + sds * Math.sqrt(var));
                    });
                    // Scopes without any complaint in those weeks have a baseline of 0 (floor applies).
                    return m;
                });
    }

    private Uni<Map<List<String>, Object[]>> openLights(Mutiny.Session s, String tenant) {
        return s.createNativeQuery("SELECT id, level, scope, scope_key FROM complaint_light "
                        + "WHERE tenant = :tenant AND cleared_at IS NULL", Object[].class)
                .setParameter("tenant", tenant).getResultList().map(rows -> {
                    Map<List<String>, Object[]> m = new HashMap<>();
                    rows.forEach(r -> m.put(List.of((String) r[2], (String) r[3]), r));
                    return m;
                });
    }

    private Uni<Integer> open(Mutiny.Session s, String tenant, List<String> key, boolean red, long count,
            double threshold, Instant now, KpiSettings k) {
        UUID id = UUID.randomUUID();
        return s.createNativeQuery("INSERT INTO complaint_light (id, tenant, scope, scope_key, level, count, threshold, "
                        + "opened_at, red_at) VALUES (:id, :tenant, :scope, :key, :level, :count, :threshold, :now, "
                        + (red ? ":now" : "NULL") + ") "
                        + "ON CONFLICT (tenant, scope, scope_key) WHERE cleared_at IS NULL DO NOTHING")
                .setParameter("id", id).setParameter("tenant", tenant).setParameter("scope", key.get(0))
                .setParameter("key", key.get(1)).setParameter("level", red ? "RED" : "YELLOW")
                .setParameter("count", (int) count).setParameter("threshold", Double.isFinite(threshold) ? threshold : 0)
                .setParameter("now", now)
                .executeUpdate().chain(n -> n == 0 ? Uni.createFrom().item(0)
                        : notify(s, id, red ? "RED" : "YELLOW", k.webhookUrl, now).replaceWith(1));
    }

    private Uni<Integer> turnRed(Mutiny.Session s, UUID id, long count, Instant now, KpiSettings k) {
        return s.createNativeQuery("UPDATE complaint_light SET level = 'RED', red_at = :now, count = :count "
                        + "WHERE id = :id AND level = 'YELLOW' AND cleared_at IS NULL")
                .setParameter("now", now).setParameter("count", (int) count).setParameter("id", id).executeUpdate()
                .chain(n -> n == 0 ? Uni.createFrom().item(0) : notify(s, id, "RED", k.webhookUrl, now).replaceWith(1));
    }

    private Uni<Integer> escalate(Mutiny.Session s, UUID id, Instant now, KpiSettings k) {
        return s.createNativeQuery("UPDATE complaint_light SET escalated_at = :now WHERE id = :id "
                        + "AND acknowledged_at IS NULL AND escalated_at IS NULL AND cleared_at IS NULL "
                        + "AND opened_at <= :due")
                .setParameter("now", now).setParameter("id", id)
                .setParameter("due", now.minus(Duration.ofMinutes(k.lightAckMinutes))).executeUpdate()
                .chain(n -> n == 0 ? Uni.createFrom().item(0) : notify(s, id, "ESCALATION",
                        k.escalationWebhookUrl != null ? k.escalationWebhookUrl : k.webhookUrl, now).replaceWith(1));
    }

    private Uni<Integer> clear(Mutiny.Session s, UUID id, Instant now, KpiSettings k) {
        return s.createNativeQuery("UPDATE complaint_light SET cleared_at = :now WHERE id = :id AND cleared_at IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate()
                .chain(n -> n == 0 ? Uni.createFrom().item(0) : notify(s, id, "CLEARED", k.webhookUrl, now).replaceWith(1));
    }

    /** Queues one webhook delivery (unique per light and kind); none when the tenant has no webhook. */
    private Uni<Void> notify(Mutiny.Session s, UUID light, String kind, String url, Instant now) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        return s.createNativeQuery("INSERT INTO light_delivery (id, light_id, kind, url, body, status, attempts, "
                        + "next_attempt_at) SELECT :id, l.id, CAST(:kind AS text), CAST(:url AS text), CAST(json_build_object('lightId', l.id, 'tenant', "
                        + "l.tenant, 'scope', l.scope, 'scopeKey', l.scope_key, 'kind', CAST(:kind AS text), 'level', l.level, "
                        + "'count', l.count, 'threshold', l.threshold, 'openedAt', to_char(l.opened_at AT TIME ZONE 'UTC', "
                        + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'acknowledgeUrl', '/api/v1/lights/' || l.id || "
                        + "'/acknowledgement') AS text), 'PENDING', 0, :now FROM complaint_light l WHERE l.id = :light "
                        + "ON CONFLICT (light_id, kind) DO NOTHING")
                .setParameter("id", UUID.randomUUID()).setParameter("kind", kind).setParameter("url", url)
                .setParameter("now", now).setParameter("light", light).executeUpdate().replaceWithVoid();
    }
}
