package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.config.ConsoleConfig;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.DevTokens;
import org.hotline.console.session.SessionCodec;
import org.hotline.console.session.SessionFilter;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole;

/** Login (development login or OpenID Connect), logout and the language switch. */
@Path("/")
public class LoginResource {

    private final ConsoleConfig config;
    private final Pages pages;
    private final CurrentStaff current;
    private final SessionCodec codec;
    private final DevTokens devTokens;
    private final ServiceCalls calls;
    private final ObjectMapper json;

    /** A role in the login form. */
    public record RoleOption(String group, String title) {
    }

    @Inject
    SecurityIdentity identity;

    public LoginResource(ConsoleConfig config, Pages pages, CurrentStaff current, SessionCodec codec,
            DevTokens devTokens, ServiceCalls calls, ObjectMapper json) {
        this.config = config;
        this.pages = pages;
        this.current = current;
        this.codec = codec;
        this.devTokens = devTokens;
        this.calls = calls;
        this.json = json;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create(current.get().map(Staff::home).orElse("/login"))).build();
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Object login(@QueryParam("expired") boolean expired, @QueryParam("out") boolean out,
            @QueryParam("error") String error) {
        if (current.get().isPresent()) {
            return Response.seeOther(URI.create(current.get().get().home())).build();
        }
        var t = pages.t();
        String message = error == null ? null : t.getOrDefault("login_error_" + error, t.get("login_error_input"));
        List<RoleOption> roles = java.util.Arrays.stream(StaffRole.values())
                .map(r -> new RoleOption(r.group(), t.getOrDefault("role_" + r.group(), r.group()))).toList();
        return pages.page("login", null).data("expired", expired).data("out", out).data("error", message)
                .data("devLogin", config.devLogin().enabled()).data("sso", config.oidc().enabled())
                .data("roles", roles);
    }

    /** The development login: signs a token for the chosen role, tenant and unit with the local key. */
    @POST
    @Path("login/dev")
    @Produces(MediaType.TEXT_HTML)
    public Response devLogin(@FormParam("name") String name, @FormParam("role") String role,
            @FormParam("tenant") String tenant, @FormParam("unit") String unit) {
        if (!config.devLogin().enabled()) {
            return Response.status(404).build();
        }
        Optional<StaffRole> staffRole = StaffRole.ofGroup(role == null ? "" : role);
        String t = tenant == null ? "" : tenant.trim();
        String n = name == null || name.isBlank() ? role : name.trim();
        if (staffRole.isEmpty() || !t.matches("\\d{2}|\\*") || !n.matches("[\\p{L}\\p{N}._\\-]{1,40}")) {
            return Response.seeOther(URI.create("/login?error=input")).build();
        }
        if ("*".equals(t) && staffRole.get() != StaffRole.PLATFORM_OPERATOR) {
            return Response.seeOther(URI.create("/login?error=national")).build();
        }
        if (staffRole.get() == StaffRole.HANDLER && (unit == null || !unit.matches("[0-9a-fA-F-]{36}"))) {
            return Response.seeOther(URI.create("/login?error=unit")).build();
        }
        Staff staff = devTokens.login(n, staffRole.get(), t,
                staffRole.get() == StaffRole.HANDLER ? unit : null);
        return loggedIn(staff);
    }

    /** Units a handler may log in for, listed with a short-lived tenant-admin token of the development login. */
    @GET
    @Path("login/units")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> units(@QueryParam("tenant") String tenant) {
        if (!config.devLogin().enabled() || tenant == null || !tenant.matches("\\d{2}")) {
            return Uni.createFrom().item(pages.fragment("login-units").data("units", List.of()));
        }
        TemplateInstance fragment = pages.fragment("login-units");
        Staff admin = devTokens.login("console-login", StaffRole.TENANT_ADMIN, tenant, null);
        return calls.get(admin, Service.ROUTING, "/api/v1/units?size=200")
                .map(page -> fragment.data("units", pages.data(page.path("items"))))
                .onFailure().recoverWithItem(() -> fragment.data("units", List.of()));
    }

    /** Where the OpenID Connect authorization-code flow ends: the identity provider's token becomes the session. */
    @GET
    @Path("sso/login")
    public Response sso() {
        if (!config.oidc().enabled() || identity == null || identity.isAnonymous()) {
            return Response.seeOther(URI.create("/login?error=sso")).build();
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null) {
            return Response.seeOther(URI.create("/login?error=sso")).build();
        }
        JsonNode claims = claims(access.getToken());
        Optional<StaffRole> role = StaffRole.firstOf(identity.getRoles());
        String tenant = claims.path(config.oidc().tenantClaim()).asText(config.oidc().defaultTenant().orElse(""));
        if (role.isEmpty() || !tenant.matches("\\d{2}|\\*")) {
            return Response.seeOther(URI.create("/login?error=role")).build();
        }
        String subject = identity.getPrincipal().getName();
        String name = claims.path("name").asText(claims.path("preferred_username").asText(subject));
        String unit = claims.path(config.oidc().unitClaim()).asText(null);
        long exp = claims.path("exp").asLong(0);
        Instant end = Instant.now().plus(config.session().lifetime());
        if (exp > 0 && Instant.ofEpochSecond(exp).isBefore(end)) {
            end = Instant.ofEpochSecond(exp);
        }
        return loggedIn(new Staff(subject, name, role.get(), tenant, unit, access.getToken(), end));
    }

    @POST
    @Path("logout")
    public Response logout() {
        NewCookie oidc = new NewCookie.Builder("q_session").value("").path("/").maxAge(0).build();
        return Response.seeOther(URI.create("/login?out=true")).cookie(SessionFilter.clear(config), oidc).build();
    }

    /** Switches the language and returns to the page the user was on. */
    @GET
    @Path("lang/{lang}")
    public Response language(@PathParam("lang") String lang, @QueryParam("back") String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
        NewCookie cookie = new NewCookie.Builder("lang").value(Texts.language(lang)).path("/")
                .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    private Response loggedIn(Staff staff) {
        long maxAge = Math.max(1, staff.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        NewCookie cookie = new NewCookie.Builder(SessionCodec.COOKIE).value(codec.encode(staff)).path("/")
                .maxAge((int) maxAge).httpOnly(true).secure(config.session().secureCookies())
                .sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(staff.home())).cookie(cookie).build();
    }

    private JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return json.createObjectNode();
        }
    }
}
