package org.hotline.common.security;

import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token as {@link VerifiedTokens} hands it out again and again: the same claims as the parsed one, each
 * read once. smallrye-jwt looks every custom claim ({@code tenant}, {@code unit}) up by throwing and catching an
 * exception, which cost about as much as a region resolution on every call.
 */
final class VerifiedToken extends JWTCallerPrincipal {

    private final JsonWebToken parsed;
    private final ConcurrentHashMap<String, Optional<Object>> claims = new ConcurrentHashMap<>();

    VerifiedToken(JsonWebToken parsed) {
        super(parsed.getRawToken(), parsed.getClaim("typ") == null ? "JWT" : parsed.getClaim("typ").toString());
        this.parsed = parsed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) claims.computeIfAbsent(name, n -> Optional.ofNullable(parsed.getClaim(n))).orElse(null);
    }

    @Override
    public String getName() {
        return parsed.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return parsed.getClaimNames();
    }

    @Override
    public Set<String> getGroups() {
        return parsed.getGroups();
    }

    @Override
    public Set<String> getAudience() {
        return parsed.getAudience();
    }

    @Override
    protected Collection<String> doGetClaimNames() {
        return parsed.getClaimNames();
    }

    @Override
    protected Object getClaimValue(String name) {
        return getClaim(name);
    }

    @Override
    public String toString() {
        return parsed.toString();
    }
}
