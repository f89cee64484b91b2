package org.hotline.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.hotline.console.session.SessionCodec;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole;
import org.hotline.testing.JwtKeysTestResource;
import org.hotline.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** Login, session expiry, CSRF and role gating of the console, without the services (their lists show as missing). */
@QuarkusTest
@QuarkusTestResource(JwtKeysTestResource.class)
class ConsoleLoginTest {

    @Inject
    SessionCodec codec;

    @Inject
    ObjectMapper json;

    /** A login page's CSRF cookie and form token. */
    private record Csrf(String cookie) {
    }

    private Csrf csrf() {
        Response page = given().redirects().follow(false).when().get("/login");
        page.then().statusCode(200).body(containsString("name=\"csrf-token\""));
        return new Csrf(page.getCookie("csrf-token"));
    }

    private Response devLogin(Csrf csrf, String name, String role, String tenant, String unit) {
        var request = given().redirects().follow(false).cookie("csrf-token", csrf.cookie())
                .formParam("csrf-token", csrf.cookie()).formParam("name", name).formParam("role", role)
                .formParam("tenant", tenant);
        if (unit != null) {
            request.formParam("unit", unit);
        }
        return request.when().post("/login/dev");
    }

    private String session(String role, String tenant, String unit) {
        Response r = devLogin(csrf(), role + "-one", role, tenant, unit);
        r.then().statusCode(303);
        return r.getCookie(SessionCodec.COOKIE);
    }

    @Test
    void sendsVisitorsWithoutSessionToTheLoginPage() {
        given().redirects().follow(false).when().get("/agent")
                .then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).header("HX-Request", "true").when().get("/inbox/lists")
                .then().statusCode(401).header("HX-Redirect", "/login");
        given().when().get("/login").then().statusCode(200)
                .body(containsString("<label for=\"role\">角色</label>"))
                .body(containsString("/webjars/htmx.org/2.0.4/dist/htmx.min.js"));
        given().when().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
    }

    @Test
    void devLoginSignsTheUsersOwnTokenWithTheLocalKeyAndOpensTheirScreen() throws Exception {
        Response r = devLogin(csrf(), "wang", "agent", "37", null);
        r.then().statusCode(303).header("Location", endsWith("/agent"));
        String cookie = r.getCookie(SessionCodec.COOKIE);
        Staff staff = codec.decode(cookie).orElseThrow();
        assertEquals(StaffRole.AGENT, staff.role());
        assertEquals("37", staff.tenant());
        assertTrue(staff.expiresAt().isAfter(Instant.now()));

        String[] parts = staff.token().split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "token signed with the local key");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("agent", claims.path("groups").path(0).asText());
        assertEquals("37", claims.path("tenant").asText());
        assertEquals("https://hotline.local", claims.path("iss").asText());
        assertEquals("wang@37", claims.path("upn").asText());

        given().cookie(SessionCodec.COOKIE, cookie).when().get("/agent").then().statusCode(200)
                .body(containsString("坐席工作台")).body(containsString("wang"))
                .body(not(containsString("href=\"/inbox\"")));
    }

    @Test
    void refusesFormsWithoutTheCsrfToken() {
        Csrf csrf = csrf();
        given().redirects().follow(false).cookie("csrf-token", csrf.cookie())
                .formParam("name", "wang").formParam("role", "agent").formParam("tenant", "37")
                .when().post("/login/dev").then().statusCode(400);
        given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", "forged")
                .formParam("name", "wang").formParam("role", "agent").formParam("tenant", "37")
                .when().post("/login/dev").then().statusCode(400);
        String session = session("handler", "37", "0f3c2d1e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
        given().redirects().follow(false).cookie(SessionCodec.COOKIE, session)
                .cookie("csrf-token", csrf.cookie()).formParam("reply", "已办")
                .when().post("/inbox/0f3c2d1e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/reply").then().statusCode(400);
    }

    @Test
    void eachRoleOpensOnlyItsOwnScreens() {
        String agent = session("agent", "37", null);
        String handler = session("handler", "37", "0f3c2d1e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
        String evaluator = session("evaluator", "42", null);
        given().cookie(SessionCodec.COOKIE, agent).when().get("/inbox").then().statusCode(403)
                .body(containsString("无权"));
        given().cookie(SessionCodec.COOKIE, agent).when().get("/dashboard").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, agent).when().get("/admin").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, handler).when().get("/agent").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, handler).when().get("/agent/answer?q=x").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, evaluator).when().get("/agent").then().statusCode(403);
        given().cookie(SessionCodec.COOKIE, evaluator).when().get("/inbox").then().statusCode(403);
        given().redirects().follow(false).cookie(SessionCodec.COOKIE, handler).when().get("/")
                .then().statusCode(303).header("Location", endsWith("/inbox"));
    }

    @Test
    void refusesNationalTenantForProvinceRolesAndHandlersWithoutUnit() {
        devLogin(csrf(), "li", "leader", "*", null).then().statusCode(303)
                .header("Location", endsWith("/login?error=national"));
        devLogin(csrf(), "li", "handler", "37", null).then().statusCode(303)
                .header("Location", endsWith("/login?error=unit"));
        Response operator = devLogin(csrf(), "zhao", "platform-operator", "*", null);
        operator.then().statusCode(303).header("Location", endsWith("/dashboard"));
        assertEquals("*", codec.decode(operator.getCookie(SessionCodec.COOKIE)).orElseThrow().tenant());
    }

    @Test
    void endsExpiredAndAlteredSessionsAtTheLoginPage() {
        String live = session("agent", "37", null);
        Staff staff = codec.decode(live).orElseThrow();
        String expired = codec.encode(new Staff(staff.subject(), staff.name(), staff.role(), staff.tenant(), null,
                staff.token(), Instant.now().minusSeconds(1)));
        Response r = given().redirects().follow(false).cookie(SessionCodec.COOKIE, expired).when().get("/agent");
        r.then().statusCode(303).header("Location", endsWith("/login?expired=true"));
        assertEquals("", r.getCookie(SessionCodec.COOKIE), "the expired session cookie is cleared");
        given().cookie(SessionCodec.COOKIE, expired).when().get("/login?expired=true").then().statusCode(200)
                .body(containsString("会话已过期"));

        String payload = live.substring(0, live.lastIndexOf('.'));
        String body = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                .replace("\"role\":\"agent\"", "\"role\":\"leader\"");
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + live.substring(live.lastIndexOf('.'));
        assertFalse(codec.decode(altered).isPresent());
        given().redirects().follow(false).cookie(SessionCodec.COOKIE, altered).when().get("/dashboard")
                .then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void logoutClearsTheSession() {
        String session = session("agent", "37", null);
        Csrf csrf = csrf();
        Response r = given().redirects().follow(false).cookie(SessionCodec.COOKIE, session)
                .cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.cookie())
                .when().post("/logout");
        r.then().statusCode(303).header("Location", endsWith("/login?out=true"));
        assertEquals("", r.getCookie(SessionCodec.COOKIE));
        assertNull(codec.decode(r.getCookie(SessionCodec.COOKIE)).orElse(null));
    }

    @Test
    void switchesToEnglishAndBack() {
        Response r = given().redirects().follow(false).when().get("/lang/en?back=/login");
        r.then().statusCode(303).header("Location", endsWith("/login"));
        given().cookie("lang", r.getCookie("lang")).when().get("/login").then().statusCode(200)
                .body(containsString("<html lang=\"en\">")).body(containsString("Log in"));
        given().redirects().follow(false).when().get("/lang/en?back=//evil.example")
                .then().statusCode(303).header("Location", endsWith("/"));
    }

    private static PublicKey publicKey() throws Exception {
        String pem = Files.readString(TestKeys.get().publicKeyFile()).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
