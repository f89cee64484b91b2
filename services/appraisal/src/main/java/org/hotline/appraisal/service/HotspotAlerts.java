package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hotline.appraisal.domain.HotspotAlert;
import org.hotline.appraisal.hotspot.HotspotDetector;
import org.hotline.common.problem.ProblemException;

/**
 * Hotspot alerts (docs/appraisal.md "Hotspot alerts"): a periodic sweep raises each open hotspot of a tenant once,
 * with its cases, and queues its webhook like a complaint light's; a hotspot that grows updates its alert and does
 * not fire again; a leader acknowledges it. Any number of replicas may sweep at once: a tenant's sweep holds a
 * transaction-scoped advisory lock, so the next one sees the alerts the first committed, and the insert keyed by the
 * hotspot's id does nothing a second time (only the statement that inserted queues the delivery).
 */
@ApplicationScoped
public class HotspotAlerts {

    /** The delivery kind of a hotspot alert in the shared webhook log. */
    static final String DELIVERY_KIND = "HOTSPOT";

    /** Longest per-tenant window (KPI settings allow 1–31 days): the tenants to sweep have complaints this recent. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(31);

    private final HotspotService hotspots;
    private final KpiSettingsService settings;
    private final WebhookDeliveries webhooks;

    public HotspotAlerts(HotspotService hotspots, KpiSettingsService settings, WebhookDeliveries webhooks) {
        this.hotspots = hotspots;
        this.settings = settings;
        this.webhooks = webhooks;
    }

    /** What one sweep did, for logs and tests: alerts raised, alerts that gained cases. */
    public record SweepOutcome(int raised, int grown) {
    }

    /** An alert as leaders see it: the hotspot when it was last swept, its cases, and its acknowledgement. */
    public record AlertView(String id, String tenant, String kind, String label, String regionCode, int count,
            String windowStart, String windowEnd, String alertedAt, String acknowledgedAt, String acknowledgedBy,
            List<String> workOrderIds) {
    }

    /** Sweeps every tenant with complaints recent enough to be in an open hotspot, as of {@code now}. */
    public Uni<SweepOutcome> sweep(Instant now) {
        return tenants(now).chain(tenants -> {
            Uni<int[]> chain = Uni.createFrom().item(new int[2]);
            for (String tenant : tenants) {
                chain = chain.chain(total -> sweepTenant(tenant, now).map(o -> {
                    total[0] += o.raised();
                    total[1] += o.grown();
                    return total;
                }).onFailure().recoverWithItem(e -> {
                    // One province's failure (e.g. too many complaints for one detection) must not stop the others.
                    Log.warnf(e, "Hotspot sweep of tenant %s failed; retried at the next run", tenant);
                    return total;
                }));
            }
            return chain.map(t -> new SweepOutcome(t[0], t[1]));
        });
    }

    @WithTransaction
    Uni<List<String>> tenants(Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT DISTINCT tenant FROM complaint_fact "
                        + "WHERE category = 'FEEDBACK' AND received_at >= :from AND received_at < :now ORDER BY tenant",
                        String.class)
                .setParameter("from", now.minus(LONGEST_WINDOW)).setParameter("now", now).getResultList());
    }

    /**
     * One tenant in one transaction: its open hotspots by its own rules among the complaints of the last two windows
     * (every hot window reaching into the last window lies inside them), each matched to its alert or raised.
     */
    @WithTransaction
    public Uni<SweepOutcome> sweepTenant(String tenant, Instant now) {
        // Held until the transaction ends: a second replica's sweep of this tenant waits, then sees these alerts.
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT pg_advisory_xact_lock(hashtextextended('appraisal-hotspot-sweep:' || :tenant, 0))")
                .setParameter("tenant", tenant).getSingleResult()
                .chain(() -> settings.current(tenant, null))
                .chain(rules -> {
                    Instant from = now.minus(Duration.ofDays(2L * rules.hotspotWindowDays));
                    return hotspots.detect(tenant, from, now, null).chain(found -> alertsByCase(s, tenant, from)
                            .chain(alerts -> found.containsKey(tenant)
                                    ? raiseOrGrow(s, found.get(tenant), alerts, now)
                                    : Uni.createFrom().item(new SweepOutcome(0, 0))));
                }));
    }

    /** Each open hotspot: grows the alert it shares a case with, or is raised. */
    private Uni<SweepOutcome> raiseOrGrow(Mutiny.Session s, HotspotService.Detected d, Map<String, UUID> alerts,
            Instant now) {
        Uni<int[]> chain = Uni.createFrom().item(new int[2]);
        for (HotspotDetector.Hotspot h : d.hotspots()) {
            if (!d.open(h, now)) {
                continue;
            }
            UUID known = h.cases().stream().map(c -> alerts.get(h.kind() + "|" + c.workOrderId()))
                    .filter(a -> a != null).findFirst().orElse(null);
            chain = chain.chain(t -> known != null
                    ? grow(s, known, h, now).map(n -> add(t, 1, n))
                    : raise(s, h, d.rules().webhookUrl, d.rules().hotspotWindowDays, now)
                            .map(n -> add(add(t, 0, n[0]), 1, n[1])));
        }
        return chain.map(t -> new SweepOutcome(t[0], t[1]));
    }

    private static int[] add(int[] t, int i, int n) {
        t[i] += n;
        return t;
    }

    /** The alert of each (kind, case) among the tenant's alerts whose hotspot reached into the look-back. */
    private static Uni<Map<String, UUID>> alertsByCase(Mutiny.Session s, String tenant, Instant from) {
        return s.createNativeQuery("SELECT a.kind, c.work_order_id, a.id FROM hotspot_alert a JOIN hotspot_alert_case c "
                        + "ON c.alert_id = a.id WHERE a.tenant = :tenant AND a.window_end >= :from "
                        + "ORDER BY a.alerted_at, a.id", Object[].class)
                .setParameter("tenant", tenant).setParameter("from", from).getResultList().map(rows -> {
                    Map<String, UUID> m = new HashMap<>();
                    rows.forEach(r -> m.putIfAbsent(r[0] + "|" + r[1], (UUID) r[2]));
                    return m;
                });
    }

    /** Records a new hotspot as an alert and queues its webhook; [raised, grown]: [1, 0] unless it exists already. */
    private Uni<int[]> raise(Mutiny.Session s, HotspotDetector.Hotspot h, String url, int windowDays, Instant now) {
        return s.createNativeQuery("INSERT INTO hotspot_alert (id, tenant, kind, label, region_code, case_count, "
                        + "window_start, window_end, alerted_at, updated_at) VALUES (:id, :tenant, :kind, :label, "
                        + ":region, :count, :start, :end, :now, :now) ON CONFLICT (id) DO NOTHING")
                .setParameter("id", h.id()).setParameter("tenant", h.tenant()).setParameter("kind", h.kind().name())
                .setParameter("label", cut(h.label(), 300)).setParameter("region", h.regionCode())
                .setParameter("count", h.cases().size()).setParameter("start", h.windowStart())
                .setParameter("end", h.windowEnd()).setParameter("now", now).executeUpdate()
                .chain(n -> n == 0
                        ? grow(s, h.id(), h, now).map(g -> new int[] { 0, g })
                        : addCases(s, h.id(), h).chain(() -> webhooks.enqueue(s,
                                WebhookDeliveries.Subject.HOTSPOT_ALERT, h.id(), DELIVERY_KIND, url,
                                payload(h, windowDays, now), now)).replaceWith(new int[] { 1, 0 }));
    }

    /** Adds the hotspot's new cases to its alert and updates its figures (no new webhook); 1 when it grew. */
    private static Uni<Integer> grow(Mutiny.Session s, UUID alert, HotspotDetector.Hotspot h, Instant now) {
        return addCases(s, alert, h).chain(added -> added == 0 ? Uni.createFrom().item(0) : s.createNativeQuery(
                        "UPDATE hotspot_alert SET case_count = (SELECT count(*) FROM hotspot_alert_case "
                                + "WHERE alert_id = :id), "
                                + "window_start = LEAST(window_start, CAST(:start AS timestamptz)), "
                                + "window_end = GREATEST(window_end, CAST(:end AS timestamptz)), "
                                + "label = :label, region_code = :region, updated_at = :now WHERE id = :id")
                .setParameter("id", alert).setParameter("start", h.windowStart()).setParameter("end", h.windowEnd())
                .setParameter("label", cut(h.label(), 300)).setParameter("region", h.regionCode())
                .setParameter("now", now).executeUpdate().replaceWith(1));
    }

    /** Inserts the hotspot's cases the alert does not have yet; answers how many were new. */
    private static Uni<Integer> addCases(Mutiny.Session s, UUID alert, HotspotDetector.Hotspot h) {
        String ids = h.cases().stream().map(c -> c.workOrderId().toString()).collect(Collectors.joining(","));
        return s.createNativeQuery("INSERT INTO hotspot_alert_case (alert_id, work_order_id) SELECT :id, CAST(w AS uuid) "
                        + "FROM unnest(string_to_array(:ids, ',')) w ON CONFLICT DO NOTHING")
                .setParameter("id", alert).setParameter("ids", ids).executeUpdate();
    }

    /** The webhook's JSON: what, where, how many, when and which work orders; no caller data. */
    private static String payload(HotspotDetector.Hotspot h, int windowDays, Instant now) {
        return new JsonObject().put("type", DELIVERY_KIND).put("alertId", h.id().toString()).put("tenant", h.tenant())
                .put("kind", h.kind().name()).put("label", h.label()).put("regionCode", h.regionCode())
                .put("count", h.cases().size()).put("windowStart", h.windowStart().toString())
                .put("windowEnd", h.windowEnd().toString()).put("windowDays", windowDays)
                .put("workOrderIds", new JsonArray(h.cases().stream().map(c -> c.workOrderId().toString()).toList()))
                .put("alertedAt", now.toString())
                .put("acknowledgeUrl", "/api/v1/hotspots/" + h.id() + "/acknowledgement").encode();
    }

    /** One alert the caller may see, with its cases; 404 otherwise (existence is not revealed). */
    @WithSession
    public Uni<AlertView> get(String tenant, UUID id) {
        return find(tenant, id).chain(HotspotAlerts::view);
    }

    /** Records the first acknowledgement (later ones change nothing) and answers the alert. */
    @WithTransaction
    public Uni<AlertView> acknowledge(String tenant, UUID id, String by, Instant now) {
        return find(tenant, id).invoke(a -> {
            if (a.acknowledgedAt == null) {
                // As stored (microseconds), so the first answer and every later one show the same time.
                a.acknowledgedAt = now.truncatedTo(ChronoUnit.MICROS);
                a.acknowledgedBy = by;
            }
        }).call(a -> Panache.getSession().chain(Mutiny.Session::flush)).chain(HotspotAlerts::view);
    }

    /** The webhook delivery log of an alert. */
    @WithSession
    public Uni<List<WebhookDeliveries.Delivery>> deliveries(String tenant, UUID id) {
        return find(tenant, id).chain(a -> webhooks.log(WebhookDeliveries.Subject.HOTSPOT_ALERT, id));
    }

    private static Uni<AlertView> view(HotspotAlert a) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT CAST(work_order_id AS text) FROM "
                        + "hotspot_alert_case WHERE alert_id = :id ORDER BY work_order_id", String.class)
                .setParameter("id", a.id).getResultList()).map(cases -> new AlertView(a.id.toString(), a.tenant,
                        a.kind, a.label, a.regionCode, a.caseCount, a.windowStart.toString(), a.windowEnd.toString(),
                        a.alertedAt.toString(), a.acknowledgedAt == null ? null : a.acknowledgedAt.toString(),
                        a.acknowledgedBy, cases));
    }

    private static Uni<HotspotAlert> find(String tenant, UUID id) {
        return HotspotAlert.<HotspotAlert>findById(id).map(a -> {
            if (a == null || (tenant != null && !tenant.equals(a.tenant))) {
                throw ProblemException.notFound("hotspot-alert-not-found", "No hotspot alert " + id + ".");
            }
            return a;
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
