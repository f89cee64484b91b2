package org.hotline.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses, for every REST endpoint and gRPC method of every service (reference data included), a token issued in
 * the future beyond the clock skew, a token whose {@code tenant} claim is missing or malformed, and a token issued
 * for another audience (an {@code aud} claim naming none of {@code hotline.security.audiences}): all are 401, as a
 * token that does not say who and where its holder is, or that was meant for another system, cannot be trusted.
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {

    private static final Pattern TENANT = Pattern.compile("\\d{2}|\\*");

    private final long skewSeconds;
    private final java.util.Set<String> audiences;

    public TokenClaimsAugmentor(@ConfigProperty(name = "hotline.security.clock-skew-seconds", defaultValue = "60")
            long skewSeconds,
            @ConfigProperty(name = "hotline.security.audiences", defaultValue = "hotline") java.util.Set<String> audiences) {
        this.skewSeconds = skewSeconds;
        this.audiences = audiences;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long issuedAt = jwt.getIssuedAtTime();
        if (issuedAt > Instant.now().getEpochSecond() + skewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The token was issued in the future (iat " + Instant.ofEpochSecond(issuedAt) + ")."));
        }
        // The issuer may serve other systems too: a token it made for one of them must not open this one. Tokens
        // without an audience (the platform's own and its staff tokens) stay valid.
        java.util.Set<String> audience = jwt.getAudience();
        if (audience != null && !audience.isEmpty() && audience.stream().noneMatch(audiences::contains)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The token was issued for another audience " + audience + "."));
        }
        Object claim = jwt.getClaim(Roles.TENANT_CLAIM);
        String tenant = claim == null ? null : claim.toString().replace("\"", "");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The token carries no valid 'tenant' claim (a 2-digit province code such as 37, or *)."));
        }
        return Uni.createFrom().item(identity);
    }
}
