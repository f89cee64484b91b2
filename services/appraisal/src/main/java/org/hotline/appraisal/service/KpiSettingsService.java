package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hotline.appraisal.config.AppraisalConfig;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.common.problem.ProblemException;

/**
 * Per-tenant KPI settings, append-only: a tenant without its own versions uses the national ones ("*"), and without
 * those the built-in defaults (version 0).
 */
@ApplicationScoped
public class KpiSettingsService {

    private final AppraisalConfig config;

    public KpiSettingsService(AppraisalConfig config) {
        this.config = config;
    }

    /** Abandon treatments of the service level (docs/appraisal.md). */
    public static final List<String> TREATMENTS = List.of("ANSWERED", "IGNORED", "AGAINST", "FOR");

    /** The settings in force for {@code tenant} (null = national), or the given version of them. */
    @WithSession
    public Uni<KpiSettings> current(String tenant, Integer version) {
        String own = tenant == null ? "*" : tenant;
        if (version != null) {
            if (version == 0) {
                return Uni.createFrom().item(withDefaults(KpiSettings.defaults(own)));
            }
            return KpiSettings.<KpiSettings>find("tenant = ?1 and version = ?2", own, version).firstResult()
                    .onItem().ifNull().failWith(() -> ProblemException.notFound("settings-version-not-found",
                            "Tenant " + own + " has no settings version " + version + "."))
                    .map(this::withDefaults);
        }
        return latest(own).chain(s -> s != null || "*".equals(own) ? Uni.createFrom().item(s) : latest("*"))
                .map(s -> withDefaults(s != null ? s : KpiSettings.defaults(own)));
    }

    /**
     * Fills the rules a version does not set (versions stored before they were per tenant, and version 0) with the
     * service's defaults ({@code hotline.appraisal.fcr-repeat-window}, {@code hotline.appraisal.hotspots.*}). The
     * entity is detached first, so the filled-in values are never written back to a stored version.
     */
    private KpiSettings withDefaults(KpiSettings s) {
        KpiSettings c = copy(s);
        if (c.fcrRepeatDays == null) {
            c.fcrRepeatDays = (int) Math.max(1, config.fcrRepeatWindow().toDays());
        }
        if (c.hotspotWindowDays == null) {
            c.hotspotWindowDays = (int) Math.max(1, config.hotspots().window().toDays());
        }
        if (c.hotspotMinCases == null) {
            c.hotspotMinCases = config.hotspots().minCases();
        }
        if (c.hotspotTopicSimilarity == null) {
            c.hotspotTopicSimilarity = java.math.BigDecimal.valueOf(config.hotspots().topicSimilarity());
        }
        return c;
    }

    private static KpiSettings copy(KpiSettings s) {
        KpiSettings c = new KpiSettings();
        c.tenant = s.tenant;
        c.version = s.version;
        c.createdAt = s.createdAt;
        c.createdBy = s.createdBy;
        c.serviceLevelSeconds = s.serviceLevelSeconds;
        c.abandonTreatment = s.abandonTreatment;
        c.shortAbandonSeconds = s.shortAbandonSeconds;
        c.lightWindowHours = s.lightWindowHours;
        c.lightYellowCount = s.lightYellowCount;
        c.lightRedCount = s.lightRedCount;
        c.lightBaselineWeeks = s.lightBaselineWeeks;
        c.lightBaselineSd = s.lightBaselineSd;
        c.lightAckMinutes = s.lightAckMinutes;
        c.webhookUrl = s.webhookUrl;
        c.escalationWebhookUrl = s.escalationWebhookUrl;
        c.scorecardWeights = s.scorecardWeights;
        c.gradeBands = s.gradeBands;
        c.fcrRepeatDays = s.fcrRepeatDays;
        c.hotspotWindowDays = s.hotspotWindowDays;
        c.hotspotMinCases = s.hotspotMinCases;
        c.hotspotTopicSimilarity = s.hotspotTopicSimilarity;
        return c;
    }

    /** Every stored version of a tenant's settings, newest first. */
    @WithSession
    public Uni<List<KpiSettings>> versions(String tenant) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).list();
    }

    /** Stores {@code next} as the tenant's next version. */
    @WithTransaction
    public Uni<KpiSettings> save(String tenant, KpiSettings next, String by) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).firstResult().chain(last -> {
            next.tenant = tenant;
            next.version = last == null ? 1 : last.version + 1;
            next.createdAt = Instant.now();
            next.createdBy = by;
            return next.<KpiSettings>persist();
        });
    }

    private static Uni<KpiSettings> latest(String tenant) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).firstResult();
    }
}
