package org.hotline.common.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Mints the {@code service} token this service presents to the others, refreshed well before it expires. */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFESPAN = Duration.ofMinutes(30);
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final String serviceName;
    private volatile String token;
    private volatile Instant refreshAt = Instant.EPOCH;

    public ServiceTokens(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.serviceName = serviceName;
    }

    /** A valid bearer token for service-to-service calls. */
    public String current() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(refreshAt)) {
            synchronized (this) {
                if (token == null || now.isAfter(refreshAt)) {
                    token = Jwt.upn(serviceName)
                            .groups(Roles.SERVICE)
                            .claim(Roles.TENANT_CLAIM, Roles.NATIONAL)
                            .expiresIn(LIFESPAN)
                            .sign();
                    refreshAt = now.plus(LIFESPAN).minus(REFRESH_BEFORE);
                }
            }
        }
        return token;
    }
}
