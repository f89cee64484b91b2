package org.hotline.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hotline.console.session.SessionCodec;
import org.hotline.testing.JwtKeysTestResource;
import org.junit.jupiter.api.Test;

/**
 * The service-hours page of the administration against a stand-in of intake's API: the administrator sees the hours
 * in force, saves the form with the CSRF token and the change goes to intake with the administrator's own token;
 * intake's refusal is shown in its words; a form without the token and other roles reach nothing.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeysTestResource.class)
@QuarkusTestResource(value = StandInIntake.class, restrictToAnnotatedClass = true)
class ServiceHoursPageTest {

    private static String intake() {
        return ConfigProvider.getConfig().getValue("hotline.console.services.intake", String.class);
    }

    private static List<String> recorded() {
        String text = given().when().get(intake() + "/recorded").then().statusCode(200).extract().asString();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    /** A CSRF cookie (its value is also the form field's) and a session of {@code role} in province 37. */
    private record Login(String csrf, String session) {
    }

    private static Login login(String role) {
        Response page = given().redirects().follow(false).when().get("/login");
        String csrf = page.getCookie("csrf-token");
        Response r = given().redirects().follow(false).cookie("csrf-token", csrf).formParam("csrf-token", csrf)
                .formParam("name", "admin").formParam("role", role).formParam("tenant", "37").when().post("/login/dev");
        r.then().statusCode(303);
        return new Login(csrf, r.getCookie(SessionCodec.COOKIE));
    }

    @Test
    void administratorSeesTheHoursInForceAndSavesTheFormToIntakeWithTheirOwnToken() {
        Login admin = login("tenant-admin");
        given().cookie(SessionCodec.COOKIE, admin.session()).when().get("/admin/service-hours").then().statusCode(200)
                .body(containsString("09:00-12:00, 13:00-17:00")).body(containsString("系统默认（未设置）"))
                .body(containsString("name=\"csrf-token\"")).body(containsString("value=\"MONDAY\" checked"))
                .body(not(containsString("value=\"SUNDAY\" checked")));
        given().cookie(SessionCodec.COOKIE, admin.session()).when().get("/admin").then().statusCode(200)
                .body(containsString("href=\"/admin/service-hours\""));
        int before = recorded().size();

        given().redirects().follow(false).cookie(SessionCodec.COOKIE, admin.session())
                .cookie("csrf-token", admin.csrf()).header("HX-Request", "true")
                .formParam("csrf-token", admin.csrf()).formParam("open", "08:30").formParam("close", "17:30")
                .formParam("lunchBreakStart", "12:00").formParam("lunchBreakEnd", "13:00")
                .formParam("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")
                .formParam("zone", "Asia/Shanghai")
                .when().post("/admin/service-hours").then().statusCode(204)
                .header("HX-Redirect", "/admin/service-hours?saved=true");
        List<String> sent = recorded().subList(before, recorded().size());
        String put = sent.stream().filter(s -> s.startsWith("PUT /api/v1/service-hours ")).findFirst().orElseThrow();
        assertTrue(put.contains(" Bearer ey"), "the administrator's own token: " + put);
        assertTrue(put.contains("\"open\":\"08:30\"") && put.contains("\"close\":\"17:30\"")
                && put.contains("\"lunchBreakStart\":\"12:00\"") && put.contains("\"SATURDAY\"")
                && put.contains("\"zone\":\"Asia/Shanghai\""), put);
        given().cookie(SessionCodec.COOKIE, admin.session()).when().get("/admin/service-hours?saved=true").then()
                .statusCode(200).body(containsString("服务时间已保存"));
    }

    @Test
    void intakesRefusalIsShownInItsWordsAndFormsWithoutTheCsrfTokenReachNothing() {
        Login admin = login("tenant-admin");
        given().cookie(SessionCodec.COOKIE, admin.session()).cookie("csrf-token", admin.csrf())
                .header("HX-Request", "true").formParam("csrf-token", admin.csrf()).formParam("open", "08:30")
                .formParam("close", "17:30").formParam("lunchBreakStart", "18:00").formParam("lunchBreakEnd", "19:00")
                .formParam("days", "MONDAY").formParam("zone", "Asia/Shanghai")
                .when().post("/admin/service-hours").then().statusCode(400)
                .body(containsString("must lie inside the opening hours"));
        int before = recorded().size();
        given().redirects().follow(false).cookie(SessionCodec.COOKIE, admin.session())
                .cookie("csrf-token", admin.csrf()).formParam("open", "00:00").formParam("close", "01:00")
                .when().post("/admin/service-hours").then().statusCode(400);
        assertEquals(before, recorded().size(), "nothing reached intake");

        Login agent = login("agent");
        given().cookie(SessionCodec.COOKIE, agent.session()).when().get("/admin/service-hours").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, agent.session()).cookie("csrf-token", agent.csrf())
                .formParam("csrf-token", agent.csrf()).formParam("open", "00:00").formParam("close", "01:00")
                .when().post("/admin/service-hours").then().statusCode(403);
        assertEquals(before, recorded().size(), "nothing reached intake");
    }
}
