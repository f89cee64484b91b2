package org.hotline.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.hotline.console.session.SessionCodec;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole;
import org.junit.jupiter.api.Test;

/**
 * The OpenID Connect authorization-code flow against Quarkus' test OIDC server (Keycloak-compatible endpoints): the
 * console redirects to the identity provider, takes the code back, and the provider's access token, with its
 * groups, becomes the session the console forwards to the services.
 */
@QuarkusTest
@TestProfile(ConsoleOidcTest.Sso.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class ConsoleOidcTest {

    /** OIDC on, development login off, a province release whose provider sends no tenant claim. */
    public static class Sso implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hotline.console.oidc.enabled", "true",
                    "hotline.console.dev-login.enabled", "false",
                    "hotline.console.oidc.default-tenant", "37",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-web-app",
                    "quarkus.oidc.credentials.secret", "secret");
        }
    }

    @Inject
    SessionCodec codec;

    @Test
    void loginPageOffersSingleSignOnOnly() {
        given().when().get("/login").then().statusCode(200)
                .body(containsString("href=\"/sso/login\"")).body(org.hamcrest.Matchers.not(containsString("/login/dev")));
        given().redirects().follow(false).formParam("name", "x").when().post("/login/dev").then().statusCode(400);
    }

    @Test
    void authorizationCodeFlowTurnsTheProvidersTokenIntoASession() {
        Response toProvider = given().redirects().follow(false).when().get("/sso/login");
        toProvider.then().statusCode(302).header("Location", containsString("/realms/quarkus"))
                .header("Location", containsString("response_type=code"));
        String stateCookie = toProvider.getCookies().entrySet().stream()
                .filter(e -> e.getKey().startsWith("q_auth")).map(e -> e.getKey() + "=" + e.getValue())
                .findFirst().orElseThrow();

        // The provider shows its login form; submitting it as alice (groups: leader) redirects back with a code.
        URI authorize = URI.create(toProvider.getHeader("Location"));
        given().redirects().follow(false).urlEncodingEnabled(false).when().get(authorize.toString())
                .then().statusCode(200).body(containsString("id=\"username\""));
        Response code = given().redirects().follow(false).urlEncodingEnabled(false)
                .when().get(authorize.getScheme() + "://" + authorize.getRawAuthority() + "/login?username=alice"
                        + "&password=alice&state=" + query(authorize, "state")
                        + "&redirect_uri=" + query(authorize, "redirect_uri"));
        code.then().statusCode(302);
        URI back = URI.create(code.getHeader("Location"));

        Response callback = given().redirects().follow(false).urlEncodingEnabled(false)
                .header("Cookie", stateCookie)
                .when().get(back.getPath() + "?" + back.getRawQuery());
        callback.then().statusCode(302);
        String oidcSession = callback.getCookie("q_session");
        assertNotNull(oidcSession, "quarkus-oidc keeps its own session after the code exchange");

        Response landed = given().redirects().follow(false).cookie("q_session", oidcSession)
                .when().get(URI.create(callback.getHeader("Location")).getPath());
        landed.then().statusCode(303).header("Location", endsWith("/dashboard"));
        Staff staff = codec.decode(landed.getCookie(SessionCodec.COOKIE)).orElseThrow();
        assertEquals(StaffRole.LEADER, staff.role());
        assertEquals("37", staff.tenant());
        assertEquals("alice", staff.subject());
        assertEquals(3, staff.token().split("\\.").length, "the provider's access token is forwarded");

        given().redirects().follow(false).cookie(SessionCodec.COOKIE, landed.getCookie(SessionCodec.COOKIE))
                .when().get("/agent").then().statusCode(403);
        given().redirects().follow(false).when().get("/sso/login")
                .then().statusCode(302).header("Location", startsWith("http"));
    }

    /** A query parameter of a URI, still URL-encoded. */
    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing in " + uri);
    }
}
