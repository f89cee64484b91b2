package org.hotline.routing.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;

/**
 * Builds the {@link Caller} of the current request from its token: the {@code tenant} claim (checked by
 * {@link TenantContext}) and, for handlers, the {@code unit} claim naming their unit's id.
 */
@RequestScoped
public class CallerIdentity {

    /** JWT claim carrying a handler's unit id (UUID). */
    public static final String UNIT_CLAIM = "unit";

    private final TenantContext tenants;
    private final SecurityIdentity identity;

    public CallerIdentity(TenantContext tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    /** The caller of a REST request (where the identity is already resolved). */
    public Caller current() {
        return of(tenants, identity);
    }

    /** The caller from an identity resolved elsewhere, e.g. the deferred identity of a gRPC call on the IO thread. */
    public static Caller of(SecurityIdentity identity) {
        return of(new TenantContext(identity), identity);
    }

    private static Caller of(TenantContext tenants, SecurityIdentity identity) {
        String tenant = tenants.tenant();
        String subject = tenants.subject();
        if (tenants.isNational()) {
            return new Caller(subject, tenant, Caller.Reach.NATIONAL, null);
        }
        boolean center = identity.hasRole(Roles.AGENT) || identity.hasRole(Roles.TENANT_ADMIN)
                || identity.hasRole(Roles.LEADER) || identity.hasRole(Roles.SERVICE)
                || identity.hasRole(Roles.PLATFORM_OPERATOR);
        if (center) {
            return new Caller(subject, tenant, Caller.Reach.CENTER, null);
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(UNIT_CLAIM) : null;
        if (claim == null) {
            throw ProblemException.forbidden("unit-missing",
                    "A handler's token must carry a 'unit' claim with the id of the handler's unit.");
        }
        try {
            return new Caller(subject, tenant, Caller.Reach.HANDLER, UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("unit-missing", "The token's 'unit' claim is not a unit id (UUID).");
        }
    }
}
