package org.hotline.appraisal.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One version of a tenant's KPI settings; a change is a new version, so every figure can name the rules it used. */
// The national defaults ("*") are every province's starting point, read by all.
@Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION_OR_NATIONAL)
@Entity
@Table(name = "kpi_settings")
@IdClass(KpiSettings.Key.class)
public class KpiSettings extends PanacheEntityBase {

    /** Tenant and version. */
    public record Key(String tenant, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    public String tenant;
    @Id
    public int version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "service_level_seconds")
    public int serviceLevelSeconds;
    @Column(name = "abandon_treatment")
    public String abandonTreatment;
    @Column(name = "short_abandon_seconds")
    public int shortAbandonSeconds;
    @Column(name = "light_window_hours")
    public int lightWindowHours;
    @Column(name = "light_yellow_count")
    public int lightYellowCount;
    @Column(name = "light_red_count")
    public int lightRedCount;
    @Column(name = "light_baseline_weeks")
    public int lightBaselineWeeks;
    @Column(name = "light_baseline_sd")
    public BigDecimal lightBaselineSd;
    @Column(name = "light_ack_minutes")
    public int lightAckMinutes;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "escalation_webhook_url")
    public String escalationWebhookUrl;
    /** JSON object KPI name -> weight; null for {@link #DEFAULT_WEIGHTS}. */
    @Column(name = "scorecard_weights")
    public String scorecardWeights;
    /** JSON array of {"min": percent, "grade": name}, highest first; null for {@link #DEFAULT_BANDS}. */
    @Column(name = "grade_bands")
    public String gradeBands;

    /** First-contact resolution: repeat window in days (null in versions stored before: the service default). */
    @Column(name = "fcr_repeat_days")
    public Integer fcrRepeatDays;
    /** Hotspots: sliding window in days. */
    @Column(name = "hotspot_window_days")
    public Integer hotspotWindowDays;
    /** Hotspots: complaints within one window that make a hotspot. */
    @Column(name = "hotspot_min_cases")
    public Integer hotspotMinCases;
    /** Hotspots: cosine at which a complaint joins a topic. */
    @Column(name = "hotspot_topic_similarity")
    public BigDecimal hotspotTopicSimilarity;

    /** Default scorecard weights (work-order track first, then the call track). */
    public static final String DEFAULT_WEIGHTS = "{\"onTimeRate\":0.3,\"resolutionRate\":0.3,\"attitude\":0.2,"
            + "\"answerRate\":0.1,\"serviceLevel\":0.1}";
    /** Default grade bands (Wuhan's monthly unit grading: >= 85 % good, < 75 % failing). */
    public static final String DEFAULT_BANDS = "[{\"min\":85,\"grade\":\"GOOD\"},{\"min\":75,\"grade\":\"PASS\"},"
            + "{\"min\":0,\"grade\":\"FAILING\"}]";

    /** The defaults every tenant starts from (version 0, never stored). */
    public static KpiSettings defaults(String tenant) {
        KpiSettings s = new KpiSettings();
        s.tenant = tenant;
        s.version = 0;
        s.createdAt = Instant.EPOCH;
        s.createdBy = "default";
        s.serviceLevelSeconds = 15;
        s.abandonTreatment = "ANSWERED";
        s.shortAbandonSeconds = 5;
        s.lightWindowHours = 24;
        s.lightYellowCount = 10;
        s.lightRedCount = 20;
        s.lightBaselineWeeks = 8;
        s.lightBaselineSd = BigDecimal.valueOf(3);
        s.lightAckMinutes = 30;
        return s;
    }
}
