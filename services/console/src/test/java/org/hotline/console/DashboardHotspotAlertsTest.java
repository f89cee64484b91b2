package org.hotline.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.Engine;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hotline.console.session.SessionCodec;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole;
import org.hotline.console.web.Texts;
import org.hotline.testing.JwtKeysTestResource;
import org.junit.jupiter.api.Test;

/**
 * The hotspot table of the leaders' dashboard against a stand-in of appraisal's hotspot API: each hotspot's alert
 * state, the acknowledge button (htmx POST with the CSRF token) that acknowledges through appraisal with the leader's
 * own token and draws the row again, no button for a role that may not acknowledge, and the alert columns of the CSV.
 * Province 37 is only read; province 42's alerts are the ones acknowledged.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeysTestResource.class)
@QuarkusTestResource(value = StandInAppraisal.class, restrictToAnnotatedClass = true)
class DashboardHotspotAlertsTest {

    @Inject
    Engine engine;

    @Inject
    Texts texts;

    private static String appraisal() {
        return ConfigProvider.getConfig().getValue("hotline.console.services.appraisal", String.class);
    }

    private static List<String> recorded() {
        String text = given().when().get(appraisal() + "/recorded").then().statusCode(200).extract().asString();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    /** A CSRF cookie (its value is also the form field's) and a session. */
    private record Login(String csrf, String session) {
    }

    private static Login login(String name, String role, String tenant) {
        Response page = given().redirects().follow(false).when().get("/login");
        String csrf = page.getCookie("csrf-token");
        Response r = given().redirects().follow(false).cookie("csrf-token", csrf).formParam("csrf-token", csrf)
                .formParam("name", name).formParam("role", role).formParam("tenant", tenant).when().post("/login/dev");
        r.then().statusCode(303);
        return new Login(csrf, r.getCookie(SessionCodec.COOKIE));
    }

    private static String dashboard(Login login) {
        return given().cookie(SessionCodec.COOKIE, login.session()).when().get("/dashboard").then().statusCode(200)
                .extract().asString();
    }

    /** The table row of the hotspot labelled {@code label}, failing when there is none. */
    private static String row(String html, String label) {
        return Arrays.stream(html.split("<tr data-testid=\"hotspot\">")).skip(1).map(r -> r.substring(0,
                r.indexOf("</tr>"))).filter(r -> r.contains("<td>" + label + "</td>")).findFirst()
                .orElseThrow(() -> new AssertionError("no hotspot row " + label + " in " + html));
    }

    private static String acknowledgement(String alertId) {
        return "/dashboard/hotspots/" + alertId + "/acknowledgement";
    }

    @Test
    void leaderSeesEachHotspotsAlertStateAndAButtonOnlyForTheAlertWaitingForAcknowledgement() {
        Login leader = login("zhou", "leader", "37");
        String page = dashboard(leader);
        assertTrue(page.contains("<th scope=\"col\">热点预警</th>"), page);

        String address = row(page, "泉城路180号");
        assertTrue(address.contains("未预警"), address);
        assertFalse(address.contains("<form"), address);

        String estate = row(page, "幸福");
        String estateAlert = StandInAppraisal.alertId("37", "ESTATE");
        // 01:41 UTC is 09:41 China time.
        assertTrue(estate.contains("预警时间 2026-11-29 09:41"), estate);
        assertTrue(estate.contains("hx-post=\"" + acknowledgement(estateAlert) + "\""), estate);
        assertTrue(estate.contains("hx-target=\"closest tr\""), estate);
        assertTrue(estate.contains("name=\"csrf-token\""), "the form carries the CSRF token: " + estate);
        assertTrue(estate.contains("<button type=\"submit\" class=\"primary\" id=\"hot-ack-" + estateAlert
                + "\" aria-label=\"确认：热点预警 小区 幸福\">确认</button>"), estate);

        String topic = row(page, "异地 就医 备案");
        assertTrue(topic.contains("已确认： wang@37 · 2026-11-29 11:00"), topic);
        assertFalse(topic.contains("<form"), "an acknowledged alert has no button: " + topic);

        String english = given().cookie(SessionCodec.COOKIE, leader.session()).cookie("lang", "en").when()
                .get("/dashboard").then().statusCode(200).extract().asString();
        assertTrue(row(english, "泉城路180号").contains("Not alerted"), english);
        assertTrue(row(english, "幸福").contains("aria-label=\"Acknowledge：Hotspot alert Estate 幸福\">Acknowledge<"),
                english);
        assertTrue(row(english, "异地 就医 备案").contains("acknowledged by wang@37"), english);
    }

    @Test
    void leaderAcknowledgesAnAlertThroughAppraisalWithTheirOwnTokenAndTheRowShowsWhoAndWhen() {
        Login leader = login("liu", "leader", "42");
        String alert = StandInAppraisal.alertId("42", "ESTATE");
        assertTrue(row(dashboard(leader), "幸福").contains("hx-post=\"" + acknowledgement(alert) + "\""));
        int before = recorded().size();

        String swapped = given().cookie(SessionCodec.COOKIE, leader.session()).cookie("csrf-token", leader.csrf())
                .header("HX-Request", "true").formParam("csrf-token", leader.csrf()).formParam("tenant", "")
                .when().post(acknowledgement(alert)).then().statusCode(200).extract().asString();
        // The answer is the row itself (htmx puts it in place of the old one): who acknowledged it, no button.
        assertTrue(swapped.startsWith("<tr data-testid=\"hotspot\">"), swapped);
        String row = row(swapped, "幸福");
        assertTrue(row.contains("已确认： liu@42 · "), row);
        assertTrue(row.contains("id=\"hot-ack-" + alert + "\" tabindex=\"-1\""),
                "the focus lands on the badge: " + row);
        assertFalse(row.contains("<form"), row);

        List<String> sent = recorded().subList(before, recorded().size());
        String post = sent.stream().filter(s -> s.startsWith("POST /api/v1/hotspots/" + alert + "/acknowledgement "))
                .findFirst().orElseThrow(() -> new AssertionError("no acknowledgement reached appraisal: " + sent));
        assertTrue(post.contains(" Bearer ey"), "the leader's own token: " + post);
        // Appraisal kept it: the dashboard shows it acknowledged, and the next visit offers no button.
        String again = row(dashboard(leader), "幸福");
        assertTrue(again.contains("已确认： liu@42"), again);
        assertFalse(again.contains("<form"), again);
    }

    @Test
    void acknowledgementsWithoutTheCsrfTokenOrForAnotherProvinceChangeNothing() {
        Login leader = login("sun", "leader", "42");
        String shandong = StandInAppraisal.alertId("37", "ESTATE");
        int before = recorded().size();
        given().redirects().follow(false).cookie(SessionCodec.COOKIE, leader.session())
                .cookie("csrf-token", leader.csrf()).header("HX-Request", "true").formParam("tenant", "")
                .when().post(acknowledgement(StandInAppraisal.alertId("42", "ESTATE"))).then().statusCode(400);
        assertEquals(before, recorded().size(), "nothing reached appraisal");

        // Appraisal's 404 goes above the table (the row stays as it was).
        given().cookie(SessionCodec.COOKIE, leader.session()).cookie("csrf-token", leader.csrf())
                .header("HX-Request", "true").formParam("csrf-token", leader.csrf())
                .when().post(acknowledgement(shandong)).then().statusCode(404)
                .header("HX-Retarget", "#hotspots-message").header("HX-Reswap", "innerHTML")
                .body(containsString("role=\"alert\"")).body(containsString("No hotspot alert."));
        assertTrue(row(dashboard(login("zhou", "leader", "37")), "幸福")
                .contains("hx-post=\"" + acknowledgement(shandong) + "\""), "Shandong's alert is still waiting");
    }

    @Test
    void aRoleThatMayNotAcknowledgeSeesNoButtonAndCannotPostOne() {
        Map<String, Object> waiting = Map.of("kind", "ESTATE", "label", "幸福", "tenant", "37", "regionCode", "370100",
                "count", 6, "windowStart", "2026-11-28T01:10:00Z", "windowEnd", "2026-11-29T01:40:00Z",
                "status", "OPEN",
                "workOrderIds", List.of(), "alert", Map.of("id", StandInAppraisal.alertId("37", "ESTATE"),
                        "alertedAt", "2026-11-29T01:41:00Z"));
        // Every role that opens the dashboard today may acknowledge, so the row is drawn for an agent directly.
        assertFalse(StaffRole.AGENT.acknowledgesAlerts());
        assertTrue(StaffRole.LEADER.acknowledgesAlerts() && StaffRole.TENANT_ADMIN.acknowledgesAlerts()
                && StaffRole.PLATFORM_OPERATOR.acknowledgesAlerts());
        Staff agent = new Staff("ma@37", "ma", StaffRole.AGENT, "37", null, "token", Instant.now().plusSeconds(600));
        String row = engine.getTemplate("dashboard-hotspot").data("t", texts.of(Texts.ZH)).data("staff", agent)
                .data("h", waiting).data("tenant", null).render();
        assertTrue(row.contains("预警时间 2026-11-29 09:41") && row.contains("待确认"), row);
        assertFalse(row.contains("<form") || row.contains("<button"), row);

        Login login = login("ma", "agent", "37");
        int before = recorded().size();
        given().cookie(SessionCodec.COOKIE, login.session()).cookie("csrf-token", login.csrf())
                .header("HX-Request", "true").formParam("csrf-token", login.csrf())
                .when().post(acknowledgement(StandInAppraisal.alertId("37", "ESTATE"))).then().statusCode(403);
        assertEquals(before, recorded().size(), "nothing reached appraisal");
    }

    @Test
    void theHotspotsCsvCarriesEachAlertsIdTimesAndWhoAcknowledgedIt() {
        Login leader = login("zhou", "leader", "37");
        String csv = given().cookie(SessionCodec.COOKIE, leader.session()).when()
                .get("/dashboard/export/hotspots.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("hotspots.csv")).extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertEquals("\uFEFFkind,label,tenant,regionCode,count,windowStart,windowEnd,status,workOrderIds,alertId,"
                + "alertedAt,acknowledgedAt,acknowledgedBy", lines.get(0));
        assertEquals(4, lines.size(), csv);
        String address = lines.stream().filter(l -> l.startsWith("ADDRESS,")).findFirst().orElseThrow();
        assertTrue(address.endsWith(",,,,"), "never alerted, empty alert cells: " + address);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ESTATE,幸福,37,370100,6,") && l.endsWith(","
                + StandInAppraisal.alertId("37", "ESTATE") + ",2026-11-29T01:41:00Z,,")), csv);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("TOPIC,") && l.endsWith(","
                + StandInAppraisal.alertId("37", "TOPIC") + ",2026-11-29T01:41:00Z,2026-11-29T03:00:00Z,wang@37")),
                csv);
    }
}
