package org.hotline.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the console: where the five services answer, how staff log in, how long a session lasts. */
@ConfigMapping(prefix = "hotline.console")
public interface ConsoleConfig {

    /** Base URLs of the services the console calls with the user's token. */
    Services services();

    /** The development login that signs a token with the local key (as {@code make token} does). */
    DevLogin devLogin();

    /** The console's own session cookie. */
    Session session();

    /** OpenID Connect login (authorization-code flow through quarkus-oidc). */
    Oidc oidc();

    /** How long the console waits for a service before showing the user an error. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Where the services answer. */
    interface Services {
        /** intake's base URL, e.g. http://localhost:8081. */
        @WithDefault("http://localhost:8081")
        String intake();

        /** routing's base URL. */
        @WithDefault("http://localhost:8082")
        String routing();

        /** knowledge's base URL. */
        @WithDefault("http://localhost:8083")
        String knowledge();

        /** evaluation's base URL. */
        @WithDefault("http://localhost:8084")
        String evaluation();

        /** appraisal's base URL. */
        @WithDefault("http://localhost:8085")
        String appraisal();
    }

    /** The development login. */
    interface DevLogin {
        /** Whether the development login is offered; always false in the prod profile. */
        @WithDefault("true")
        boolean enabled();

        /** Issuer written into the tokens it signs; the services must trust it (HOTLINE_JWT_ISSUER). */
        @WithDefault("https://hotline.local")
        String issuer();

        /** Lifetime of a token it signs. */
        @WithDefault("8h")
        Duration tokenLifetime();
    }

    /** The session cookie. */
    interface Session {
        /** Longest a session lasts, also capped at the token's own expiry. */
        @WithDefault("8h")
        Duration lifetime();

        /** Key (32+ characters) that signs session cookies; when absent a random key is made at start. */
        Optional<String> secret();

        /** Whether cookies carry the Secure attribute (true behind HTTPS). */
        @WithDefault("false")
        boolean secureCookies();
    }

    /** OpenID Connect. */
    interface Oidc {
        /** Whether the SSO button is offered; set with quarkus.oidc.tenant-enabled and the issuer settings. */
        @WithDefault("false")
        boolean enabled();

        /** Claim of the access token holding the tenant (2-digit province code or *). */
        @WithDefault("tenant")
        String tenantClaim();

        /** Tenant of a province release whose identity provider puts no tenant claim in its tokens. */
        Optional<String> defaultTenant();

        /** Claim of the access token holding a handler's unit id. */
        @WithDefault("unit")
        String unitClaim();
    }
}
