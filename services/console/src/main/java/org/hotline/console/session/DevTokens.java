package org.hotline.console.session;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hotline.console.config.ConsoleConfig;

/**
 * Signs tokens with the local key ({@code smallrye.jwt.sign.key.location}, as {@code make token} does) for the
 * development login; never used when the development login is off (always off in the prod profile).
 */
@ApplicationScoped
public class DevTokens {

    private final ConsoleConfig config;

    public DevTokens(ConsoleConfig config) {
        this.config = config;
    }

    /** A session for a person of {@code role} in {@code tenant}, with a handler's {@code unit}. */
    public Staff login(String name, StaffRole role, String tenant, String unit) {
        String subject = name + "@" + ("*".equals(tenant) ? "national" : tenant);
        Instant expires = Instant.now().plus(config.devLogin().tokenLifetime());
        JwtClaimsBuilder claims = Jwt.issuer(config.devLogin().issuer()).subject(subject).upn(subject)
                .groups(role.group()).claim("tenant", tenant).claim("name", name).expiresAt(expires);
        if (unit != null && !unit.isBlank()) {
            claims.claim("unit", unit);
        }
        String token = claims.jws().keyId("hotline-local").sign();
        Instant sessionEnd = Instant.now().plus(config.session().lifetime());
        return new Staff(subject, name, role, tenant, unit == null || unit.isBlank() ? null : unit, token,
                sessionEnd.isBefore(expires) ? sessionEnd : expires);
    }
}
