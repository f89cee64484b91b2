package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.client.ServiceRefusal;
import org.hotline.console.session.Staff;

/**
 * What the leaders' dashboard asks appraisal, for the leader's own province or, for the national operator only, the
 * province named in {@code ?tenant=} (else the nation). The province is the token's: a leader's {@code tenant}
 * parameter is never passed on.
 */
@ApplicationScoped
public class DashboardQueries {

    /** China time: the day and its half-hours as the hotline counts them. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Days of the trends and rankings. */
    static final int DAYS = 30;

    private final ServiceCalls calls;
    private final ObjectMapper json;

    public DashboardQueries(ServiceCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** The province a national operator asked for; null for everyone else (their token decides). */
    static String province(Staff staff, String tenant) {
        return staff.national() && tenant != null && tenant.matches("\\d{2}") ? tenant : null;
    }

    /** {@code &tenant=xx} for a national operator looking at one province, else nothing. */
    static String tenantQuery(Staff staff, String tenant) {
        String p = province(staff, tenant);
        return p == null ? "" : "&tenant=" + p;
    }

    /** The national comparison: an operator without a province compares provinces, everyone else their units. */
    static boolean comparesProvinces(Staff staff, String tenant) {
        return staff.national() && province(staff, tenant) == null;
    }

    /** [from, to) of the trends and rankings: the last {@link #DAYS} days up to the end of today, China time. */
    static String range() {
        LocalDate today = LocalDate.now(ZONE);
        Instant from = today.minusDays(DAYS - 1L).atStartOfDay(ZONE).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(ZONE).toInstant();
        return "from=" + from + "&to=" + to;
    }

    /** [from, to) of today, China time: the half-hours of the staffing gaps and the hotspots' window. */
    static String today() {
        LocalDate today = LocalDate.now(ZONE);
        return "from=" + today.atStartOfDay(ZONE).toInstant() + "&to=" + today.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** Open lights (黄灯/红灯). */
    public Uni<JsonNode> lights(Staff staff, String tenant) {
        return calls.get(staff, Service.APPRAISAL, "/api/v1/lights?x=1" + tenantQuery(staff, tenant));
    }

    /** The ranked scorecard: units of the province, or provinces for the national comparison. */
    public Uni<JsonNode> scorecard(Staff staff, String tenant) {
        return calls.get(staff, Service.APPRAISAL, "/api/v1/scorecards?" + range() + "&by="
                + (comparesProvinces(staff, tenant) ? "TENANT" : "UNIT") + tenantQuery(staff, tenant));
    }

    /** Today's half-hours per queue (all the province's queues when none is named). */
    public Uni<JsonNode> staffing(Staff staff, String tenant, String queue) {
        String q = queue != null && queue.matches("\\d{6}") ? "&queue=" + queue : "";
        return calls.get(staff, Service.APPRAISAL, "/api/v1/staffing/queues?" + today() + q
                + tenantQuery(staff, tenant));
    }

    /**
     * Hotspots (addresses, estates, topics with many complaints) of the last {@link #DAYS} days. Appraisal does not
     * serve them everywhere yet: a 404 (no such endpoint) is an empty list, so the screen shows its empty state.
     */
    public Uni<JsonNode> hotspots(Staff staff, String tenant) {
        return calls.get(staff, Service.APPRAISAL, "/api/v1/hotspots?" + range() + tenantQuery(staff, tenant))
                .onFailure(e -> e instanceof ServiceRefusal r && r.status() == 404)
                .recoverWithItem(() -> json.createArrayNode());
    }

    /**
     * The hotspot of {@code list} whose alert is the acknowledged {@code alert} (appraisal's answer to the
     * acknowledgement); when the list no longer holds it (it left the dashboard's range), the alert's own figures as a
     * hotspot item, without a status.
     */
    JsonNode hotspotOfAlert(JsonNode list, JsonNode alert) {
        String id = alert.path("id").asText();
        JsonNode items = items(list);
        if (items != null) {
            for (JsonNode h : items) {
                if (id.equals(h.path("alert").path("id").asText(null))) {
                    return h;
                }
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode h = json.createObjectNode();
        for (String f : new String[] { "kind", "label", "tenant", "regionCode", "count", "windowStart", "windowEnd",
                "workOrderIds" }) {
            h.set(f, alert.path(f).isMissingNode() ? json.nullNode() : alert.get(f));
        }
        h.putNull("status");
        h.putObject("alert").put("id", id).put("alertedAt", alert.path("alertedAt").asText(null))
                .put("acknowledgedAt", alert.path("acknowledgedAt").asText(null))
                .put("acknowledgedBy", alert.path("acknowledgedBy").asText(null));
        return h;
    }

    /** The running counts of appraisal's facts per tenant, type and verdict. */
    public Uni<JsonNode> counts(Staff staff, String tenant) {
        return calls.get(staff, Service.APPRAISAL, "/api/v1/kpi-counts?size=500" + tenantQuery(staff, tenant));
    }

    /**
     * Names of the units a UNIT light may name, by id (routing's units of the province, or of the province the
     * operator looks at); empty when routing does not answer, and the light then shows the unit's id.
     */
    public Uni<java.util.Map<String, String>> unitNames(Staff staff, String tenant) {
        return calls.get(staff, Service.ROUTING, "/api/v1/units?size=100" + tenantQuery(staff, tenant)).map(page -> {
            java.util.Map<String, String> names = new java.util.HashMap<>();
            items(page).forEach(u -> names.put(u.path("id").asText(), u.path("name").asText()));
            return names;
        }).onFailure().recoverWithItem(java.util.Map::of);
    }

    /** Items of a list answer, whether it is a bare array or a page with {@code items}. */
    static JsonNode items(JsonNode answer) {
        if (answer == null) {
            return null;
        }
        return answer.isArray() ? answer : answer.path("items");
    }
}
