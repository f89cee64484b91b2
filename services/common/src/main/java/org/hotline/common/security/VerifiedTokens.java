package org.hotline.common.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the tokens this replica has verified, until each one's {@code exp}: intake presents the same service
 * token on every region resolution (thousands a second at a surge), and checking its RS256 signature and claims
 * again each time cost more than the resolution itself. A token is parsed and verified in full the first time it is
 * seen and again once it has expired (then refused as before); the bounded map forgets everything when full, so a
 * stream of one-off tokens cannot grow it. Decorates the smallrye-jwt parser that Quarkus's JWT validator calls, so
 * the identity (roles, the request's routing context) is still built per request; {@link VerifiedToken} reads each
 * claim once.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    /** Distinct live tokens kept: the services' own tokens and the staff's, far fewer than this on one replica. */
    static final int CAPACITY = 10_000;

    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null && known.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return known;
        }
        if (known != null) {
            verified.remove(token);
        }
        JsonWebToken jwt = delegate.parse(token);
        if (jwt.getExpirationTime() <= 0) {
            return jwt; // a token without exp is not kept: nothing would ever end its stay
        }
        VerifiedToken kept = new VerifiedToken(jwt);
        if (verified.size() >= CAPACITY) {
            verified.clear();
        }
        verified.put(token, kept);
        return kept;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        // Another verification context (key, issuer) than the configured one: never answered from memory.
        return delegate.parse(token, context);
    }
}
