package org.hotline.common.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Mints the {@code service} token this service presents to the others, refreshed well before it expires. */
@ApplicationScoped
public class ServiceTokens {

    private static final Duration LIFESPAN = Duration.ofMinutes(30);
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final String serviceName;
    private final Optional<String> keyId;
    private volatile String token;
    private volatile Instant refreshAt = Instant.EPOCH;

    /**
     * @param keyId {@code kid} of the signing key ({@code hotline.jwt.key-id}): during a key rotation the services
     *        verify with a key set of two keys and pick the key by this id (docs/security.md)
     */
    public ServiceTokens(@ConfigProperty(name = "quarkus.application.name") String serviceName,
            @ConfigProperty(name = "hotline.jwt.key-id") Optional<String> keyId) {
        this.serviceName = serviceName;
        this.keyId = keyId;
    }

    /** A valid bearer token for service-to-service calls. */
    public String current() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(refreshAt)) {
            synchronized (this) {
                if (token == null || now.isAfter(refreshAt)) {
                    JwtSignatureBuilder jws = Jwt.upn(serviceName)
                            .groups(Roles.SERVICE)
                            .claim(Roles.TENANT_CLAIM, Roles.NATIONAL)
                            .expiresIn(LIFESPAN)
                            .jws();
                    token = keyId.map(jws::keyId).orElse(jws).sign();
                    refreshAt = now.plus(LIFESPAN).minus(REFRESH_BEFORE);
                }
            }
        }
        return token;
    }
}
