package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.KpiSettingsService;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/**
 * A tenant's KPI settings (service level, short abandons, first-contact resolution, complaint lights, webhooks,
 * hotspots, scorecards), one version per change.
 */
@Path("/api/v1/kpi-settings")
@Produces(MediaType.APPLICATION_JSON)
public class KpiSettingsResource {

    private final KpiSettingsService settings;
    private final AccessScope scope;

    public KpiSettingsResource(KpiSettingsService settings, AccessScope scope) {
        this.settings = settings;
        this.scope = scope;
    }

    /** Settings as shown and as changed; on a change, absent fields keep their current value. */
    public record SettingsView(String tenant, Integer version, String createdAt, String createdBy,
            Integer serviceLevelSeconds, String abandonTreatment, Integer shortAbandonSeconds, Integer lightWindowHours,
            Integer lightYellowCount, Integer lightRedCount, Integer lightBaselineWeeks, BigDecimal lightBaselineSd,
            Integer lightAckMinutes, String webhookUrl, String escalationWebhookUrl,
            java.util.Map<String, Double> scorecardWeights, List<GradeBand> gradeBands, Integer fcrRepeatDays,
            Integer hotspotWindowDays, Integer hotspotMinCases, BigDecimal hotspotTopicSimilarity) {

        static SettingsView of(KpiSettings s) {
            return new SettingsView(s.tenant, s.version, s.createdAt.toString(), s.createdBy, s.serviceLevelSeconds,
                    s.abandonTreatment, s.shortAbandonSeconds, s.lightWindowHours, s.lightYellowCount, s.lightRedCount,
                    s.lightBaselineWeeks, s.lightBaselineSd, s.lightAckMinutes, s.webhookUrl, s.escalationWebhookUrl,
                    org.hotline.appraisal.service.Scorecards.weights(s), org.hotline.appraisal.service.Scorecards.bands(s),
                    s.fcrRepeatDays, s.hotspotWindowDays, s.hotspotMinCases, s.hotspotTopicSimilarity);
        }
    }

    /** A grade from a minimum composite score (percent). */
    public record GradeBand(double min, String grade) {
    }

    @GET
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "The KPI settings in force for a tenant (or one version of them)")
    public Uni<SettingsView> get(@QueryParam("tenant") String tenant, @QueryParam("version") Integer version) {
        String t = scope.writeScope(tenant);
        return settings.current("*".equals(t) ? null : t, version).map(SettingsView::of);
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "Every stored version of a tenant's KPI settings, newest first")
    public Uni<List<SettingsView>> versions(@QueryParam("tenant") String tenant) {
        return settings.versions(scope.writeScope(tenant)).map(l -> l.stream().map(SettingsView::of).toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Change a tenant's KPI settings: stored as its next version; figures name the version used")
    public Uni<SettingsView> put(@QueryParam("tenant") String tenant, SettingsView change) {
        if (change == null) {
            throw ProblemException.badRequest("body-missing", "A JSON body with the settings to change is required.");
        }
        String t = scope.writeScope(tenant);
        String by = scope.subject();
        return settings.current("*".equals(t) ? null : t, null)
                .chain(current -> settings.save(t, merged(current, change), by)).map(SettingsView::of);
    }

    private static KpiSettings merged(KpiSettings c, SettingsView x) {
        KpiSettings s = new KpiSettings();
        s.serviceLevelSeconds = range("serviceLevelSeconds", x.serviceLevelSeconds(), c.serviceLevelSeconds, 1, 600);
        s.abandonTreatment = x.abandonTreatment() == null ? c.abandonTreatment : x.abandonTreatment();
        if (!KpiSettingsService.TREATMENTS.contains(s.abandonTreatment)) {
            throw ProblemException.invalidField("abandonTreatment", "abandonTreatment is one of "
                    + KpiSettingsService.TREATMENTS + ".");
        }
        s.shortAbandonSeconds = range("shortAbandonSeconds", x.shortAbandonSeconds(), c.shortAbandonSeconds, 0, 60);
        s.lightWindowHours = range("lightWindowHours", x.lightWindowHours(), c.lightWindowHours, 1, 24 * 31);
        s.lightYellowCount = range("lightYellowCount", x.lightYellowCount(), c.lightYellowCount, 1, 1_000_000);
        s.lightRedCount = range("lightRedCount", x.lightRedCount(), c.lightRedCount, 2, 1_000_000);
        if (s.lightRedCount <= s.lightYellowCount) {
            throw ProblemException.invalidField("lightRedCount", "lightRedCount is above lightYellowCount.");
        }
        s.lightBaselineWeeks = range("lightBaselineWeeks", x.lightBaselineWeeks(), c.lightBaselineWeeks, 0, 52);
        s.lightBaselineSd = x.lightBaselineSd() == null ? c.lightBaselineSd : x.lightBaselineSd();
        if (s.lightBaselineSd.signum() < 0 || s.lightBaselineSd.compareTo(BigDecimal.TEN) > 0) {
            throw ProblemException.invalidField("lightBaselineSd", "lightBaselineSd is 0 to 10.");
        }
        s.lightAckMinutes = range("lightAckMinutes", x.lightAckMinutes(), c.lightAckMinutes, 1, 7 * 24 * 60);
        s.webhookUrl = url("webhookUrl", x.webhookUrl(), c.webhookUrl);
        s.escalationWebhookUrl = url("escalationWebhookUrl", x.escalationWebhookUrl(), c.escalationWebhookUrl);
        s.scorecardWeights = c.scorecardWeights;
        if (x.scorecardWeights() != null) {
            if (x.scorecardWeights().isEmpty() || x.scorecardWeights().entrySet().stream().anyMatch(e ->
                    !org.hotline.appraisal.service.Scorecards.KPIS.contains(e.getKey()) || e.getValue() == null
                            || e.getValue() < 0 || e.getValue() > 100)) {
                throw ProblemException.invalidField("scorecardWeights", "scorecardWeights maps some of "
                        + org.hotline.appraisal.service.Scorecards.KPIS + " to weights from 0 to 100.");
            }
            s.scorecardWeights = org.hotline.appraisal.service.Scorecards.json(x.scorecardWeights());
        }
        s.fcrRepeatDays = range("fcrRepeatDays", x.fcrRepeatDays(), c.fcrRepeatDays, 1, 90);
        s.hotspotWindowDays = range("hotspotWindowDays", x.hotspotWindowDays(), c.hotspotWindowDays, 1, 31);
        s.hotspotMinCases = range("hotspotMinCases", x.hotspotMinCases(), c.hotspotMinCases, 2, 100_000);
        s.hotspotTopicSimilarity = x.hotspotTopicSimilarity() == null ? c.hotspotTopicSimilarity
                : x.hotspotTopicSimilarity();
        if (s.hotspotTopicSimilarity.compareTo(new BigDecimal("0.05")) < 0
                || s.hotspotTopicSimilarity.compareTo(BigDecimal.ONE) > 0 || s.hotspotTopicSimilarity.scale() > 3) {
            throw ProblemException.invalidField("hotspotTopicSimilarity",
                    "hotspotTopicSimilarity is 0.05 to 1 with at most 3 decimals.");
        }
        s.gradeBands = c.gradeBands;
        if (x.gradeBands() != null) {
            if (x.gradeBands().isEmpty() || x.gradeBands().size() > 10 || x.gradeBands().stream().anyMatch(b ->
                    b == null || b.grade() == null || b.grade().isBlank() || b.grade().length() > 32 || b.min() < 0
                            || b.min() > 100)) {
                throw ProblemException.invalidField("gradeBands",
                        "gradeBands is 1 to 10 bands {min: 0..100, grade: a name of at most 32 characters}.");
            }
            s.gradeBands = org.hotline.appraisal.service.Scorecards.json(x.gradeBands());
        }
        return s;
    }

    private static int range(String field, Integer value, int current, int min, int max) {
        int v = value == null ? current : value;
        if (v < min || v > max) {
            throw ProblemException.invalidField(field, field + " is " + min + " to " + max + ".");
        }
        return v;
    }

    private static String url(String field, String value, String current) {
        if (value == null) {
            return current;
        }
        if (value.isBlank()) {
            return null; // an empty string removes the webhook
        }
        try {
            URI uri = URI.create(value);
            if (value.length() > 1000 || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, field + " is an http(s) URL of at most 1000 characters.");
        }
        return value;
    }
}
